import { auditRecord, jobActor } from '../../../shared/application/audit.ts';
import { retryLostRaces, runWorkList, type FailureReporter, type JobDependencies, type JobSummary } from '../../../shared/application/job.ts';
import { reservedCentsOf, type Claim } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { planRelease } from '../../../shared/ledger/reservation.ts';
import { assertBalanced, assertTouchesEachItemOnce } from '../../../shared/ledger/transfer.ts';

/**
 * Releases what approved claims hold once their capture deadline has passed: the claim becomes
 * `expired` and the money is available to the citizen again, shown as `release` entries. Each
 * claim is one transaction conditioned on the claim still being `approved`, so a capture or a
 * cancel that comes first wins, and two runs at once release each claim once.
 */
export async function releaseExpiredReservations(dependencies: JobDependencies, options: { onFailure?: FailureReporter } = {}): Promise<JobSummary> {
  const { store } = dependencies;
  const at = dependencies.now().toISOString();
  return runWorkList({
    job: 'release-expired-reservations',
    list: () => store.listClaimsDue('approved', at, limits.jobBatchSizeMax),
    idOf: (claim) => claim.claimId,
    ...(options.onFailure !== undefined && { onFailure: options.onFailure }),
    process: (listed) =>
      retryLostRaces(async () => {
        // The work list is an index that may lag: decide on a consistent read of the claim.
        const claim = await store.getClaim(listed.claimId);
        if (claim?.status !== 'approved' || claim.captureBefore === undefined || claim.captureBefore >= at) return 'skipped';
        const expired: Claim = { ...claim, status: 'expired', updatedAt: at };
        const movement = planRelease(expired, await store.listPots(claim.personId), at);
        assertBalanced(movement);
        assertTouchesEachItemOnce(movement);
        const audit = auditRecord(jobActor('release-expired-reservations'), 'reservation_release', dependencies.now(), {
          subject: { claimId: claim.claimId, personId: claim.personId, providerId: claim.providerId, transferIds: movement.transfers.map((transfer) => transfer.transferId) },
          amountCents: reservedCentsOf(claim),
        });
        const result = await store.commit(movement, { claim: { claim: expired, expectedStatus: 'approved' }, audit });
        return result.kind === 'committed' ? 'processed' : 'lost';
      }),
  });
}
