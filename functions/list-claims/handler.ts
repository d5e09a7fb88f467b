import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { listClaimsQuery } from './schema.ts';
import { listClaims } from './use-case.ts';

export const handler = apiHandler('list-claims', { query: listClaimsQuery }, async ({ principal, query }) =>
  listClaims(coreDependenciesFromEnvironment(), principal, query),
);
