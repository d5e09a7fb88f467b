import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { getClaimPath } from './schema.ts';
import { getClaim } from './use-case.ts';

export const handler = apiHandler('get-claim', { path: getClaimPath }, async ({ principal, path }) =>
  getClaim(coreDependenciesFromEnvironment(), principal, { claimId: path.claimId }),
);
