import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { createClaimBody } from './schema.ts';
import { createClaim } from './use-case.ts';

export const handler = apiHandler(
  'create-claim',
  { body: createClaimBody },
  async ({ principal, body, idempotencyKey }) =>
    createClaim(await dependenciesFromEnvironment(), principal, { ...body, idempotencyKey }),
);
