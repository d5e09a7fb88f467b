import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { rejectClaimPath } from './schema.ts';
import { rejectClaim } from './use-case.ts';

export const handler = apiHandler('reject-claim', { path: rejectClaimPath }, async ({ principal, path }) =>
  rejectClaim(coreDependenciesFromEnvironment(), principal, { claimId: path.claimId }),
);
