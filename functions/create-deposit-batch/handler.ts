import { apiHandler } from '../../shared/http/api-handler.ts';
import { batchQueueFromEnvironment } from '../../shared/runtime/batch-queue-environment.ts';
import { dependenciesFromEnvironment, storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { createDepositBatch } from './use-case.ts';

export const handler = apiHandler(
  'create-deposit-batch',
  { rawBody: true },
  async ({ principal, body, idempotencyKey }) =>
    createDepositBatch(
      { ...(await dependenciesFromEnvironment()), store: storeFromEnvironment(), queue: batchQueueFromEnvironment() },
      principal,
      { body, idempotencyKey },
    ),
);
