import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { captureClaimBody, captureClaimPath } from './schema.ts';
import { captureClaim } from './use-case.ts';

export const handler = apiHandler('capture-claim', { path: captureClaimPath, body: captureClaimBody }, async ({ principal, path, body, idempotencyKey }) =>
  captureClaim(await dependenciesFromEnvironment(), principal, path.claimId, body, idempotencyKey),
);
