import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf, auditRecord, recordRefusal } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, succeed, type Outcome } from '../../shared/ledger/outcome.ts';

/**
 * The citizen rejects a claim that awaits approval. Moves no money, so it needs no
 * Idempotency-Key: the condition on the old status makes it happen once, and rejecting an already
 * rejected claim answers that claim again. The rejection's audit entry is written with it; a
 * refused rejection gets one of its own.
 */
export async function rejectClaim(dependencies: Dependencies, principal: Principal, claimId: string): Promise<Outcome<Reply>> {
  const outcome = await attemptRejection(dependencies, principal, claimId);
  if (outcome.ok) return outcome;
  const subject = { claimId, personId: personIdOf(principal) };
  return recordRefusal(dependencies.store, auditActorOf(principal), 'claim_reject', dependencies.now(), { subject }, outcome);
}

async function attemptRejection(dependencies: Dependencies, principal: Principal, claimId: string): Promise<Outcome<Reply>> {
  for (let attempt = 1; attempt <= limits.transactionAttemptsMax; attempt += 1) {
    const loaded = await loadOwnClaim(dependencies.store, principal, claimId);
    if (!loaded.ok) return loaded;
    const claim = loaded.value;
    if (claim.status === 'rejected') return succeed({ statusCode: 200, body: toClaimView(claim) });
    if (claim.status !== 'awaiting_approval') {
      return fail('claim_not_approvable', `This claim is ${claim.status.replace('_', ' ')}; it can no longer be rejected.`);
    }
    const now = dependencies.now();
    const rejected: Claim = { ...claim, status: 'rejected', updatedAt: now.toISOString() };
    const audit = auditRecord(auditActorOf(principal), 'claim_reject', now, {
      subject: { claimId, personId: claim.personId, providerId: claim.providerId, courseId: claim.courseId },
      amountCents: claim.amountCents,
    });
    const result = await dependencies.store.commit(
      { transfers: [], potChanges: [], totalChanges: [] },
      { claim: { claim: rejected, expectedStatus: 'awaiting_approval' }, audit },
    );
    if (result.kind === 'committed') return succeed({ statusCode: 200, body: toClaimView(rejected) });
  }
  return fail('concurrent_update', 'The claim changed several times while this request ran. Try again.');
}
