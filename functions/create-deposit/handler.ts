import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { createDepositBody } from './schema.ts';
import { createDeposit } from './use-case.ts';

export const handler = apiHandler(
  'create-deposit',
  { body: createDepositBody },
  async ({ principal, body, idempotencyKey }) =>
    createDeposit(await dependenciesFromEnvironment(), principal, { ...body, idempotencyKey }),
);
