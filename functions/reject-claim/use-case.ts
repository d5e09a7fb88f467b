import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf, auditRecord, recordRefusal } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { type Attempt, done, lost, retryWhileLost } from '../../shared/application/retry.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { toRejected } from '../../shared/ledger/claim.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { noMovement } from '../../shared/ledger/transfer.ts';
import type { AuditStore, ClaimStore, CommitResult, MovementStore } from '../../shared/store/ledger-store.ts';

/** What rejecting reads and writes: the claim, its conditional write, a refusal's audit entry. */
type RejectClaimDependencies = UseCaseDependencies<
  Pick<ClaimStore, 'getClaim'> & MovementStore & Pick<AuditStore, 'recordAudit'>,
  'now'
>;

/** Which claim the citizen rejects. */
export interface RejectClaimInput {
  readonly claimId: string;
}

/**
 * The citizen rejects a claim that awaits approval. Moves no money, so it needs no
 * Idempotency-Key: the condition on the old status makes it happen once, and rejecting an already
 * rejected claim answers that claim again, here, since it is no move. Whether any other claim may
 * be rejected is the claim's own transition (`toRejected`) to decide. The rejection's audit entry
 * is written with it; a refused rejection gets one of its own.
 */
export async function rejectClaim(
  dependencies: RejectClaimDependencies,
  principal: Principal,
  input: RejectClaimInput,
): Promise<Outcome<Reply>> {
  const outcome = await attemptRejection(dependencies, principal, input.claimId);
  if (outcome.ok) return outcome;
  const subject = { claimId: input.claimId, personId: personIdOf(principal) };
  return recordRefusal(
    dependencies.store,
    auditActorOf(principal),
    'claim_reject',
    dependencies.now(),
    { subject },
    outcome,
  );
}

/** Reads the claim afresh and rejects it, again while another request changes the claim first. */
function attemptRejection(
  dependencies: RejectClaimDependencies,
  principal: Principal,
  claimId: string,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  return retryWhileLost(
    async (): Promise<Attempt<Outcome<Reply>, CommitResult['kind']>> => {
      const loaded = await loadOwnClaim(store, principal, claimId);
      if (!loaded.ok) return done(loaded);
      const claim = loaded.value;
      // Rejecting a rejected claim is no move: answer the claim as it is, and write nothing.
      if (claim.status === 'rejected') return done(succeed({ statusCode: 200, body: toClaimView(claim) }));
      const now = dependencies.now();
      const rejected = toRejected(claim, now);
      if (!rejected.ok) return done(rejected);
      const audit = auditRecord(auditActorOf(principal), 'claim_reject', now, {
        subject: { claimId, personId: claim.personId, providerId: claim.providerId, courseId: claim.courseId },
        amountCents: claim.amountCents,
      });
      const result = await store.commit(noMovement, {
        claim: { claim: rejected.value, expectedStatus: claim.status },
        audit,
      });
      if (result.kind !== 'committed') return lost(result.kind);
      return done(succeed({ statusCode: 200, body: toClaimView(rejected.value) }));
    },
    () => fail('concurrent_update', 'The claim changed several times while this request ran. Try again.'),
  );
}
