import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { listTransactionsQuery } from './schema.ts';
import { listTransactions } from './use-case.ts';

export const handler = apiHandler('list-transactions', { query: listTransactionsQuery }, ({ principal, query }) =>
  listTransactions(coreDependenciesFromEnvironment(), principal, query),
);
