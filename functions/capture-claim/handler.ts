import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { captureClaimBody, captureClaimPath } from './schema.ts';
import { captureClaim } from './use-case.ts';

export const handler = apiHandler(
  'capture-claim',
  { path: captureClaimPath, body: captureClaimBody },
  async ({ principal, path, body, idempotencyKey }) =>
    captureClaim(coreDependenciesFromEnvironment(), principal, { ...body, claimId: path.claimId, idempotencyKey }),
);
