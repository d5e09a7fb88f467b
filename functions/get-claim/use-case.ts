import { toClaimView } from '../../shared/api/claim-view.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { ClaimStore } from '../../shared/store/ledger-store.ts';

/** Which claim the provider asks for. */
export interface GetClaimInput {
  readonly claimId: string;
}

/** One claim the provider made; any other claim is the same 404 as one that does not exist. */
export async function getClaim(
  dependencies: UseCaseDependencies<Pick<ClaimStore, 'getClaim'>>,
  principal: Principal,
  input: GetClaimInput,
): Promise<Outcome<Reply>> {
  const claim = await loadOwnClaim(dependencies.store, principal, input.claimId);
  return claim.ok ? succeed({ statusCode: 200, body: toClaimView(claim.value) }) : claim;
}
