import { apiHandler } from '../../shared/http/api-handler.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listSchemesQuery } from './schema.ts';
import { listSchemes } from './use-case.ts';

export const handler = apiHandler('list-schemes', { query: listSchemesQuery }, async ({ principal, query }) =>
  listSchemes(storeFromEnvironment(), principal, query),
);
