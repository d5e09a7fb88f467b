import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { listMyClaimsQuery } from './schema.ts';
import { listMyClaims } from './use-case.ts';

export const handler = apiHandler('list-my-claims', { query: listMyClaimsQuery }, async ({ principal, query }) =>
  listMyClaims(coreDependenciesFromEnvironment(), principal, query),
);
