import { apiHandler } from '../../shared/http/api-handler.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listTransactionsQuery } from './schema.ts';
import { listTransactions } from './use-case.ts';

export const handler = apiHandler('list-transactions', { query: listTransactionsQuery }, async ({ principal, query }) =>
  listTransactions(storeFromEnvironment(), principal, query),
);
