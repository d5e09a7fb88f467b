import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment, storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listDepositBatchesQuery } from './schema.ts';
import { listDepositBatches } from './use-case.ts';

export const handler = apiHandler(
  'list-deposit-batches',
  { query: listDepositBatchesQuery },
  async ({ principal, query }) =>
    listDepositBatches({ ...coreDependenciesFromEnvironment(), store: storeFromEnvironment() }, principal, {
      limit: query.limit,
      ...(query.cursor !== undefined && { cursor: query.cursor }),
    }),
);
