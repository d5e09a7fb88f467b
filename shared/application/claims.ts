import type { Principal } from '../auth/principal.ts';
import type { Claim } from '../ledger/claim.ts';
import { fail, type Outcome, succeed } from '../ledger/outcome.ts';
import type { ClaimStore } from '../store/ledger-store.ts';

/**
 * A claim the caller may see: the citizen it is addressed to, or the provider that made it.
 * Anyone else gets the same 404 as for a claim that does not exist, so a claim id reveals nothing.
 */
export async function loadOwnClaim(
  store: Pick<ClaimStore, 'getClaim'>,
  principal: Principal,
  claimId: string,
): Promise<Outcome<Claim>> {
  const claim = await store.getClaim(claimId);
  const isOwn =
    claim !== undefined &&
    ((principal.role === 'citizen' && claim.personId === principal.personId) ||
      (principal.role === 'provider' && claim.providerId === principal.orgId));
  return isOwn ? succeed(claim) : fail('unknown_claim', `There is no claim ${claimId} for you.`);
}
