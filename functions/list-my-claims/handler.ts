import { apiHandler } from '../../shared/http/api-handler.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listMyClaimsQuery } from './schema.ts';
import { listMyClaims } from './use-case.ts';

export const handler = apiHandler('list-my-claims', { query: listMyClaimsQuery }, async ({ principal, query }) =>
  listMyClaims(storeFromEnvironment(), principal, query, new Date()),
);
