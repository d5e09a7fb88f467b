import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment, storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { getDepositBatchPath, getDepositBatchQuery } from './schema.ts';
import { getDepositBatch } from './use-case.ts';

export const handler = apiHandler(
  'get-deposit-batch',
  { path: getDepositBatchPath, query: getDepositBatchQuery },
  async ({ principal, path, query }) =>
    getDepositBatch({ ...coreDependenciesFromEnvironment(), store: storeFromEnvironment() }, principal, {
      batchId: path.batchId,
      limit: query.limit,
      ...(query.cursor !== undefined && { cursor: query.cursor }),
    }),
);
