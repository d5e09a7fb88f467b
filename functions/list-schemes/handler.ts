import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { listSchemesQuery } from './schema.ts';
import { listSchemes } from './use-case.ts';

export const handler = apiHandler('list-schemes', { query: listSchemesQuery }, ({ principal, query }) =>
  listSchemes(coreDependenciesFromEnvironment(), principal, query),
);
