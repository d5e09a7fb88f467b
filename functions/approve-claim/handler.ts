import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { approveClaimBody, approveClaimPath } from './schema.ts';
import { approveClaim } from './use-case.ts';

export const handler = apiHandler(
  'approve-claim',
  { path: approveClaimPath, body: approveClaimBody },
  async ({ principal, path, body, idempotencyKey }) =>
    approveClaim(coreDependenciesFromEnvironment(), principal, {
      claimId: path.claimId,
      parts: body?.parts,
      idempotencyKey,
    }),
);
