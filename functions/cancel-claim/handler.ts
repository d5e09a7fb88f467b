import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { cancelClaimPath } from './schema.ts';
import { cancelClaim } from './use-case.ts';

export const handler = apiHandler(
  'cancel-claim',
  { path: cancelClaimPath },
  async ({ principal, path, idempotencyKey }) =>
    cancelClaim(coreDependenciesFromEnvironment(), principal, { claimId: path.claimId, idempotencyKey }),
);
