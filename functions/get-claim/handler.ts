import { toClaimView } from '../../shared/api/claim-view.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { succeed } from '../../shared/ledger/outcome.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { getClaimPath } from './schema.ts';

export const handler = apiHandler('get-claim', { path: getClaimPath }, async ({ principal, path }) => {
  const claim = await loadOwnClaim(storeFromEnvironment(), principal, path.claimId);
  return claim.ok ? succeed({ statusCode: 200, body: toClaimView(claim.value) }) : claim;
});
