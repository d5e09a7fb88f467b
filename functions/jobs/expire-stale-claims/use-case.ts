import { auditRecord, jobActor } from '../../../shared/application/audit.ts';
import type { UseCaseDependencies } from '../../../shared/application/dependencies.ts';
import { type JobOptions, type JobSummary, retryLostRaces, runWorkList } from '../../../shared/application/job.ts';
import { toExpired } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { noMovement } from '../../../shared/ledger/transfer.ts';
import type { ClaimStore, MovementStore } from '../../../shared/store/ledger-store.ts';

/**
 * Expires claims that waited for the citizen's approval past their deadline. Nothing was reserved
 * yet, so no money moves: only the claim's status, conditioned on it still awaiting approval, so
 * an approval, rejection or withdrawal that comes first wins. Whether a claim is due is decided by
 * the claim's own transition (`toExpired`), on a fresh read.
 */
export async function expireStaleClaims(
  dependencies: UseCaseDependencies<Pick<ClaimStore, 'getClaim' | 'listClaimsDue'> & MovementStore, 'now'>,
  options: JobOptions = {},
): Promise<JobSummary> {
  const { store } = dependencies;
  const now = dependencies.now();
  return runWorkList({
    job: 'expire-stale-claims',
    list: () => store.listClaimsDue('awaiting_approval', now.toISOString(), limits.jobBatchSizeMax),
    idOf: (claim) => claim.claimId,
    ...(options.onFailure !== undefined && { onFailure: options.onFailure }),
    process: (listed) =>
      retryLostRaces(async () => {
        // The work list is an index that may lag: decide on a consistent read of the claim.
        const claim = await store.getClaim(listed.claimId);
        // A claim that moved on since it was listed (approved, rejected, withdrawn) is not this job's.
        if (claim === undefined || claim.status !== listed.status) return 'skipped';
        const expired = toExpired(claim, now);
        if (!expired.ok) return 'skipped';
        const audit = auditRecord(jobActor('expire-stale-claims'), 'claim_expire', now, {
          subject: {
            claimId: claim.claimId,
            personId: claim.personId,
            providerId: claim.providerId,
            courseId: claim.courseId,
          },
          amountCents: claim.amountCents,
        });
        const result = await store.commit(noMovement, {
          claim: { claim: expired.value, expectedStatus: claim.status },
          audit,
        });
        return result.kind === 'committed' ? 'processed' : 'lost';
      }),
  });
}
