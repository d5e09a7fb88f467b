import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import { withReleasesOfEndedEmploymentsReturned } from '../../shared/application/release.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { reservedCentsOf, toCancelled } from '../../shared/ledger/claim.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { planRelease } from '../../shared/ledger/reservation.ts';
import type { AccountStore, ClaimStore, EmploymentStore } from '../../shared/store/ledger-store.ts';

/** Which claim the provider cancels, and the request's key. */
export interface CancelClaimInput {
  readonly claimId: string;
  readonly idempotencyKey: string;
}

/**
 * The provider cancels a claim. An approved claim gives everything it holds back to the citizen's
 * available money (or, from a revocable pot of an employment that has ended, to the employer); a
 * claim that still awaits approval is withdrawn, and since it holds nothing no money moves. Either
 * way it is one transaction conditioned on the claim's status as read, with its audit entry, so a
 * cancel racing with a capture, an approval or a rejection ends with one winner.
 * Whether the claim may be cancelled is the claim's own transition (`toCancelled`) to decide. A
 * suspended provider may still cancel, since cancelling only gives money back.
 */
export async function cancelClaim(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore &
      Pick<ClaimStore, 'getClaim'> &
      Pick<AccountStore, 'listPots'> &
      Pick<EmploymentStore, 'getEmployment'>,
    'now' | 'randomInt'
  >,
  principal: Principal,
  input: CancelClaimInput,
): Promise<Outcome<Reply>> {
  const providerId = providerIdOf(principal);
  const { store } = dependencies;
  const { claimId } = input;
  return idempotentMovement({
    store,
    scope: `provider:${providerId}`,
    key: input.idempotencyKey,
    requestHash: requestHash('cancel-claim', { claimId }),
    audit: {
      actor: auditActorOf(principal),
      action: 'claim_cancel',
      subject: { claimId, providerId },
    },
    now: dependencies.now,
    plan: async (now) => {
      const loaded = await loadOwnClaim(store, principal, claimId);
      if (!loaded.ok) return loaded;
      const claim = loaded.value;
      const cancelled = toCancelled(claim, now);
      if (!cancelled.ok) return cancelled;
      // A withdrawn claim holds nothing: its release is an empty movement, and its pots need no read.
      const reservedCents = reservedCentsOf(claim);
      const pots = reservedCents > 0 ? await store.listPots(claim.personId) : [];
      const at = now.toISOString();
      const shard = dependencies.randomInt(limits.schemeTotalShards);
      const released = planRelease(cancelled.value, pots, at);
      return succeed({
        movement: await withReleasesOfEndedEmploymentsReturned(store, released, claim.personId, pots, at, shard),
        reply: { statusCode: 200, body: toClaimView(cancelled.value) },
        options: { claim: { claim: cancelled.value, expectedStatus: claim.status } },
        audit: { subject: { personId: claim.personId, courseId: claim.courseId }, amountCents: reservedCents },
      });
    },
  });
}
