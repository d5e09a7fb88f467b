/**
 * What ending an employment does to the money, planned from one read: the checks the end makes and
 * the revocation it would write. The end (`functions/end-employment`) writes the plan; the preview
 * (`functions/preview-end-employment`) only reports what it would return. Both run this one
 * function, so the amount an employer is shown before confirming is the amount the end returns
 * when nothing moved in between.
 */
import { dateOf } from '../ledger/dates.ts';
import { isOngoing } from '../ledger/employment.ts';
import { fail, type Outcome, succeed } from '../ledger/outcome.ts';
import type { Pot } from '../ledger/pot.ts';
import { planRevocation, type Revocation } from '../ledger/return-to-funder.ts';
import type { AccountStore, EmploymentStore } from '../store/ledger-store.ts';

/** Whose employment ends, and on which day (the last working day). */
export interface EndOfEmployment {
  readonly employerId: string;
  readonly personId: string;
  readonly endDate: string;
}

/** How the revocation is written: transfer ids from the request, a total shard, and pots per transaction. */
export interface RevocationWriting {
  readonly transferIdFor: (pot: Pot) => string;
  readonly shard: number;
  readonly potsMax?: number;
}

/**
 * Checks that the employment can end on `endDate` (it is ongoing, and the date is neither after
 * today nor before its start) and plans the revocation of what the employer's revocable pots hold
 * available. `not_employed` and `invalid_end_date` are the refusals; nothing is written.
 *
 * What ending returns in all is `returnedCents + leftCents` of the plan: the pots that do not fit
 * one transaction are returned straight after it.
 */
export async function planEndOfEmployment(
  store: Pick<EmploymentStore, 'getEmployment'> & Pick<AccountStore, 'listPots'>,
  end: EndOfEmployment,
  now: Date,
  writing: RevocationWriting,
): Promise<Outcome<Revocation>> {
  const employment = await store.getEmployment(end.employerId, end.personId);
  if (!isOngoing(employment) || employment === undefined) {
    return fail('not_employed', 'You have no ongoing employment registered for this person.');
  }
  const today = dateOf(now);
  if (end.endDate > today) {
    return fail(
      'invalid_end_date',
      `endDate may not be after today (${today}). Register the end on or after the last working day.`,
    );
  }
  if (end.endDate < employment.startDate) {
    return fail('invalid_end_date', `endDate may not be before the start of the employment (${employment.startDate}).`);
  }
  return succeed(
    planRevocation(
      await store.listPots(end.personId),
      end.employerId,
      now.toISOString(),
      writing.transferIdFor,
      writing.shard,
      writing.potsMax,
    ),
  );
}
