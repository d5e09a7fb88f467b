import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import { idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { reservedCentsOf, type Claim } from '../../shared/ledger/claim.ts';
import { fail, succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import { planRelease } from '../../shared/ledger/reservation.ts';

/**
 * The provider cancels an approved claim before capture: everything held goes back to the
 * citizen's available money, in one transaction conditioned on the claim still being approved.
 * A suspended provider may still cancel, since cancelling only gives money back.
 */
export async function cancelClaim(dependencies: Dependencies, principal: Principal, claimId: string, idempotencyKey: string): Promise<Outcome<Reply>> {
  const providerId = providerIdOf(principal);
  const { store } = dependencies;
  return idempotentMovement({
    store,
    scope: `provider:${providerId}`,
    key: idempotencyKey,
    requestHash: requestHash('cancel-claim', { claimId }),
    audit: { actor: auditActorOf(principal), action: 'claim_cancel', subject: { claimId, providerId }, now: dependencies.now },
    plan: async () => {
      const loaded = await loadOwnClaim(store, principal, claimId);
      if (!loaded.ok) return loaded;
      const claim = loaded.value;
      if (claim.status !== 'approved') {
        return fail('invalid_claim_state', `This claim is ${claim.status.replace('_', ' ')}; only an approved claim can be cancelled.`);
      }
      const now = dependencies.now();
      const cancelled: Claim = { ...claim, status: 'cancelled', updatedAt: now.toISOString() };
      const pots = await store.listPots(claim.personId);
      return succeed({
        movement: planRelease(cancelled, pots, now.toISOString()),
        reply: { statusCode: 200, body: toClaimView(cancelled) },
        options: { claim: { claim: cancelled, expectedStatus: 'approved' } },
        audit: { subject: { personId: claim.personId, courseId: claim.courseId }, amountCents: reservedCentsOf(claim) },
      });
    },
  });
}
