import { auditRecord, jobActor } from '../../../shared/application/audit.ts';
import type { UseCaseDependencies } from '../../../shared/application/dependencies.ts';
import { type JobOptions, type JobSummary, retryLostRaces, runWorkList } from '../../../shared/application/job.ts';
import { withReleasesOfEndedEmploymentsReturned } from '../../../shared/application/release.ts';
import { reservedCentsOf, toExpired } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { planRelease } from '../../../shared/ledger/reservation.ts';
import { assertBalanced, assertTouchesEachItemOnce } from '../../../shared/ledger/transfer.ts';
import type { AccountStore, ClaimStore, EmploymentStore, MovementStore } from '../../../shared/store/ledger-store.ts';

/**
 * Releases what approved claims hold once their capture deadline has passed: the claim becomes
 * `expired` and the money is available to the citizen again, shown as `release` entries (money from a
 * revocable pot of an employment that has ended goes back to the employer, as `revocation` entries). Each
 * claim is one transaction conditioned on the claim still being `approved`, so a capture or a
 * cancel that comes first wins, and two runs at once release each claim once. Whether a claim is
 * due is decided by the claim's own transition (`toExpired`), on a fresh read.
 */
export async function releaseExpiredReservations(
  dependencies: UseCaseDependencies<
    Pick<ClaimStore, 'getClaim' | 'listClaimsDue'> &
      Pick<AccountStore, 'listPots'> &
      Pick<EmploymentStore, 'getEmployment'> &
      MovementStore,
    'now' | 'randomInt'
  >,
  options: JobOptions = {},
): Promise<JobSummary> {
  const { store } = dependencies;
  const now = dependencies.now();
  const at = now.toISOString();
  return runWorkList({
    job: 'release-expired-reservations',
    list: () => store.listClaimsDue('approved', at, limits.jobBatchSizeMax),
    idOf: (claim) => claim.claimId,
    ...(options.onFailure !== undefined && { onFailure: options.onFailure }),
    process: (listed) =>
      retryLostRaces(async () => {
        // The work list is an index that may lag: decide on a consistent read of the claim.
        const claim = await store.getClaim(listed.claimId);
        // A claim that moved on since it was listed (captured, cancelled) is not this job's.
        if (claim === undefined || claim.status !== listed.status) return 'skipped';
        const expired = toExpired(claim, now);
        if (!expired.ok) return 'skipped';
        const pots = await store.listPots(claim.personId);
        const shard = dependencies.randomInt(limits.schemeTotalShards);
        const released = planRelease(expired.value, pots, at);
        const movement = await withReleasesOfEndedEmploymentsReturned(store, released, claim.personId, pots, at, shard);
        assertBalanced(movement);
        assertTouchesEachItemOnce(movement);
        const audit = auditRecord(jobActor('release-expired-reservations'), 'reservation_release', now, {
          subject: {
            claimId: claim.claimId,
            personId: claim.personId,
            providerId: claim.providerId,
            transferIds: movement.transfers.map((transfer) => transfer.transferId),
          },
          amountCents: reservedCentsOf(claim),
        });
        const next = { claim: expired.value, expectedStatus: claim.status };
        const result = await store.commit(movement, { claim: next, audit });
        return result.kind === 'committed' ? 'processed' : 'lost';
      }),
  });
}
