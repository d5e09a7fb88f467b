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
        const result = await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { claim: { claim: expired, expectedStatus: 'awaiting_approval' } });
        return result.kind === 'committed' ? 'processed' : 'lost';
      }),
  });
}
