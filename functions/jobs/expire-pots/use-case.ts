import { auditRecord, jobActor } from '../../../shared/application/audit.ts';
import type { UseCaseDependencies } from '../../../shared/application/dependencies.ts';
import { type JobOptions, type JobSummary, retryLostRaces, runWorkList } from '../../../shared/application/job.ts';
import { addDays, dateOf } from '../../../shared/ledger/dates.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { planExpiry, planLeaveExpiryList } from '../../../shared/ledger/return-to-funder.ts';
import { assertBalanced, assertTouchesEachItemOnce } from '../../../shared/ledger/transfer.ts';
import type { AccountStore, MovementStore } from '../../../shared/store/ledger-store.ts';

/**
 * Moves what is left available in pots past their expiry date back to the funder, as an `expiry`
 * entry the citizen sees. Each pot is one transaction that takes exactly what was read as
 * available, so two runs at once expire it once, and money released into the pot later (a claim
 * not captured in time) is expired by a later run. Reserved money stays with its claim.
 */
export async function expirePots(
  dependencies: UseCaseDependencies<
    Pick<AccountStore, 'listPots' | 'listPotsDue'> & MovementStore,
    'now' | 'randomInt'
  >,
  options: JobOptions = {},
): Promise<JobSummary> {
  const { store } = dependencies;
  const now = dependencies.now();
  const at = now.toISOString();
  const today = dateOf(now);
  return runWorkList({
    job: 'expire-pots',
    // Pots whose first day without money is today or earlier.
    list: () => store.listPotsDue(addDays(today, 1), limits.jobBatchSizeMax),
    idOf: (pot) => `${pot.personId}#${pot.potId}`,
    ...(options.onFailure !== undefined && { onFailure: options.onFailure }),
    process: (listed) =>
      retryLostRaces(async () => {
        const pot = (await store.listPots(listed.personId)).find((candidate) => candidate.potId === listed.potId);
        if (pot === undefined) return 'skipped';
        const expiry = planExpiry(pot, at, today, dependencies.randomInt(limits.schemeTotalShards));
        // Nothing available (spent, or all held for claims): the pot only leaves the work list.
        const movement = expiry ?? planLeaveExpiryList(pot, today);
        if (movement === undefined) return 'skipped';
        assertBalanced(movement);
        assertTouchesEachItemOnce(movement);
        // Only an expiry moves money; a pot that merely leaves the work list is no change to audit.
        const audit =
          expiry === undefined
            ? undefined
            : auditRecord(jobActor('expire-pots'), 'pot_expire', now, {
                subject: {
                  personId: pot.personId,
                  potId: pot.potId,
                  funderId: pot.funder.funderId,
                  schemeId: pot.schemeId,
                  transferIds: expiry.transfers.map((transfer) => transfer.transferId),
                },
                amountCents: expiry.transfers.reduce((total, transfer) => total + transfer.amountCents, 0),
              });
        const result = await store.commit(movement, audit === undefined ? {} : { audit });
        if (result.kind !== 'committed') return 'lost';
        return expiry === undefined ? 'skipped' : 'processed';
      }),
  });
}
