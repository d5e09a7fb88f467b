import { auditRecord, jobActor } from '../../../shared/application/audit.ts';
import { retryLostRaces, runWorkList, type FailureReporter, type JobDependencies, type JobSummary } from '../../../shared/application/job.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';

/**
 * Expires claims that waited for the citizen's approval past their deadline. Nothing was reserved
 * yet, so no money moves: only the claim's status, conditioned on it still awaiting approval, so
 * an approval or rejection that comes first wins.
 */
export async function expireStaleClaims(dependencies: JobDependencies, options: { onFailure?: FailureReporter } = {}): Promise<JobSummary> {
  const { store } = dependencies;
  const at = dependencies.now().toISOString();
  return runWorkList({
    job: 'expire-stale-claims',
    list: () => store.listClaimsDue('awaiting_approval', at, limits.jobBatchSizeMax),
    idOf: (claim) => claim.claimId,
    ...(options.onFailure !== undefined && { onFailure: options.onFailure }),
    process: (listed) =>
      retryLostRaces(async () => {
        const claim = await store.getClaim(listed.claimId);
        if (claim?.status !== 'awaiting_approval' || claim.approveBefore >= at) return 'skipped';
        const expired: Claim = { ...claim, status: 'expired', updatedAt: at };
        const audit = auditRecord(jobActor('expire-stale-claims'), 'claim_expire', dependencies.now(), {
          subject: { claimId: claim.claimId, personId: claim.personId, providerId: claim.providerId, courseId: claim.courseId },
          amountCents: claim.amountCents,
        });
        const result = await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { claim: { claim: expired, expectedStatus: 'awaiting_approval' }, audit });
        return result.kind === 'committed' ? 'processed' : 'lost';
      }),
  });
}
