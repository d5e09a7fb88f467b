import { funderAccount, potAccount } from './accounts.ts';
import type { Employment } from './employment.ts';
import { limits } from './limits.ts';
import { formatEuros } from './money.ts';
import { isExpired, type Pot } from './pot.ts';
import type { EmploymentAsRead, Movement, PotChange, SchemeTotalChange, Transfer } from './transfer.ts';

/**
 * Expiry and revocation both move what is left available in a pot back to the funder's scheme
 * account, as a ledger entry the person can see. Reserved money stays: it belongs to a claim in
 * flight and follows that claim (captured, or released and then returned by a later run).
 */
function returnToFunder(
  pot: Pot,
  type: 'expiry' | 'revocation',
  transferId: string,
  at: string,
  shard: number,
): { transfer: Transfer; movement: Movement } {
  const amountCents = pot.availableCents;
  const description =
    type === 'expiry'
      ? `${formatEuros(amountCents, 'en')} of ${pot.label} expired and went back to ${pot.funder.name}`
      : `${formatEuros(amountCents, 'en')} of ${pot.label} went back to ${pot.funder.name} ` +
        'because your employment ended';
  const transfer: Transfer = {
    transferId,
    type,
    at,
    amountCents,
    debitAccount: potAccount(pot.personId, pot.potId),
    creditAccount: funderAccount(pot.funder.funderId, pot.schemeId),
    personId: pot.personId,
    potId: pot.potId,
    schemeId: pot.schemeId,
    funderId: pot.funder.funderId,
    availableEffectCents: -amountCents,
    description,
  };
  const { availableCents: _available, reservedCents: _reserved, ...identity } = pot;
  return {
    transfer,
    movement: {
      transfers: [transfer],
      potChanges: [{ pot: identity, availableDeltaCents: -amountCents, reservedDeltaCents: 0 }],
      totalChanges: [
        {
          funderId: pot.funder.funderId,
          schemeId: pot.schemeId,
          shard: shard % limits.schemeTotalShards,
          balanceDeltaCents: amountCents,
          depositedDeltaCents: 0,
          returnedDeltaCents: type === 'revocation' ? amountCents : 0,
          expiredDeltaCents: type === 'expiry' ? amountCents : 0,
        },
      ],
    },
  };
}

/**
 * Merges movements into one, for writing as a single transaction. Changes to the same scheme
 * total shard are added up into one change: a transaction may touch each item only once, and
 * two pots of one scheme (deposits with different expiry dates) return to the same shard.
 */
export function combineMovements(movements: readonly Movement[]): Movement {
  const totals = new Map<string, SchemeTotalChange>();
  for (const change of movements.flatMap((movement) => movement.totalChanges)) {
    const totalKey = JSON.stringify([change.funderId, change.schemeId, change.shard]);
    const earlier = totals.get(totalKey);
    totals.set(totalKey, earlier === undefined ? change : addTotalChanges(earlier, change));
  }
  return {
    transfers: movements.flatMap((movement) => movement.transfers),
    potChanges: movements.flatMap((movement) => movement.potChanges),
    totalChanges: [...totals.values()],
  };
}

function addTotalChanges(a: SchemeTotalChange, b: SchemeTotalChange): SchemeTotalChange {
  const budgeted = a.budgetRemainingDeltaCents !== undefined || b.budgetRemainingDeltaCents !== undefined;
  return {
    ...a,
    balanceDeltaCents: a.balanceDeltaCents + b.balanceDeltaCents,
    depositedDeltaCents: a.depositedDeltaCents + b.depositedDeltaCents,
    returnedDeltaCents: a.returnedDeltaCents + b.returnedDeltaCents,
    expiredDeltaCents: a.expiredDeltaCents + b.expiredDeltaCents,
    ...(budgeted && {
      budgetRemainingDeltaCents: (a.budgetRemainingDeltaCents ?? 0) + (b.budgetRemainingDeltaCents ?? 0),
    }),
  };
}

/**
 * The movement that expires what is left in a pot whose date has passed, or undefined when there
 * is nothing to move. It takes everything available and takes the pot off the expiry work list.
 * The transfer id derives from the pot and the day of the run: money released into an expired pot
 * later (a claim that was not captured) expires on a later run under its own id, while two runs
 * on one day cannot both expire the same money, because each is written only while `available`
 * is still exactly what it planned to take.
 */
export function planExpiry(pot: Pot, at: string, today: string, shard: number): Movement | undefined {
  if (!isExpired(pot, today) || pot.availableCents <= 0) return undefined;
  const { movement } = returnToFunder(pot, 'expiry', `exp_${pot.potId}_${today}`, at, shard);
  return { ...movement, potChanges: movement.potChanges.map((change) => ({ ...change, takesAllAvailable: true })) };
}

/**
 * For an expired pot with nothing available (spent, or all of it held for claims): takes the pot
 * off the expiry work list without moving money, written only while `available` is still 0. Money
 * released into the pot later puts it back on the list. Undefined when the pot has not expired or
 * still has money to expire (use {@link planExpiry}).
 */
export function planLeaveExpiryList(pot: Pot, today: string): Movement | undefined {
  if (!isExpired(pot, today) || pot.availableCents !== 0) return undefined;
  const { availableCents: _available, reservedCents: _reserved, ...identity } = pot;
  return {
    transfers: [],
    potChanges: [{ pot: identity, availableDeltaCents: 0, reservedDeltaCents: 0, takesAllAvailable: true }],
    totalChanges: [],
  };
}

/** What {@link planRevocation} plans: one movement, and the pots left for the next. */
export interface Revocation {
  readonly movement: Movement;
  /** What the movement returns. */
  readonly returnedCents: number;
  /** The returnable pots that did not fit the movement, in the same fixed order; empty when none. */
  readonly left: readonly Pot[];
  /** What {@link Revocation.left} holds available: returned by later movements. */
  readonly leftCents: number;
}

/**
 * The movement that returns an employer's revocable money when employment ends: every pot the
 * employer funded with a revocable scheme gives back what is available. `transferIdFor` derives
 * each transfer's id from the request, so a retried request cannot return money twice.
 *
 * The returnable pots are taken in a fixed order (by pot id), at most `potsMax` of them, so that
 * the movement fits one transaction; the rest is in `left`, for the next movement to return once
 * this one is written (planned again from a fresh read, it starts where this one stopped).
 */
export function planRevocation(
  pots: readonly Pot[],
  employerId: string,
  at: string,
  transferIdFor: (pot: Pot) => string,
  shard: number,
  potsMax: number = Number.POSITIVE_INFINITY,
): Revocation {
  if (!(potsMax >= 1)) throw new Error(`planRevocation: potsMax must be at least 1, not ${potsMax}`);
  const returnable = pots
    .filter((pot) => pot.funder.funderId === employerId && pot.revocable && pot.availableCents > 0)
    .sort((a, b) => (a.potId < b.potId ? -1 : a.potId > b.potId ? 1 : 0));
  const taken = returnable.slice(0, potsMax);
  const left = returnable.slice(taken.length);
  const movements = taken.map((pot) => returnToFunder(pot, 'revocation', transferIdFor(pot), at, shard).movement);
  const movement = combineMovements(movements);
  return {
    // Written only while each pot still has exactly what was read: money released into it meanwhile
    // (while the employment still went on) makes the write fail, and the re-plan returns that too.
    movement: {
      ...movement,
      potChanges: movement.potChanges.map((change) => ({ ...change, takesAllAvailable: true })),
    },
    returnedCents: availableIn(taken),
    left,
    leftCents: availableIn(left),
  };
}

/** What the pots hold available, together. */
function availableIn(pots: readonly Pot[]): number {
  return pots.reduce((total, pot) => total + pot.availableCents, 0);
}

/**
 * The employers whose employment with the person decides where a release goes: those of the
 * revocable pots it releases into.
 */
export function employersOfReleases(movement: Movement, pots: readonly Pot[]): string[] {
  const employers = new Set<string>();
  for (const transfer of movement.transfers) {
    const pot = revocablePotReleasedInto(transfer, pots);
    if (pot !== undefined) employers.add(pot.funder.funderId);
  }
  return [...employers];
}

/** The revocable pot a release transfer releases into, or undefined for another transfer or pot. */
function revocablePotReleasedInto(transfer: Transfer, pots: readonly Pot[]): Pot | undefined {
  if (transfer.type !== 'release') return undefined;
  const pot = pots.find((candidate) => candidate.potId === transfer.potId && candidate.personId === transfer.personId);
  return pot?.revocable === true ? pot : undefined;
}

/**
 * Money released from a revocable pot after the employment that funded it has ended goes back to
 * the employer, in the same movement as the release: for each such release a `revocation` of the
 * same amount (id `rev_<release id>`, so derived from the claim and written at most once), to the
 * same scheme account as the revoke at the end of the employment. The claim in progress could
 * still be paid; what it does not take is no longer the person's.
 *
 * `employments` are the person's employments with {@link employersOfReleases}, as just read (an
 * employer without one is left out). A re-hired person's employment is ongoing again, so what is
 * released stays in the pot, as it would for money deposited in the new employment. Every
 * employment consulted is named in `employmentsAsRead`, so the movement is written only while each
 * is still ended or ongoing as read, and an employment that ends meanwhile makes the release re-plan.
 */
export function returnReleasedAfterEmploymentEnded(
  movement: Movement,
  employments: readonly Employment[],
  pots: readonly Pot[],
  at: string,
  shard: number,
): Movement {
  const employmentOf = (pot: Pot) =>
    employments.find(
      (employment) => employment.employerId === pot.funder.funderId && employment.personId === pot.personId,
    );
  const returns: Movement[] = [];
  const returnedPerPot = new Map<string, number>();
  const consulted = new Map<string, EmploymentAsRead>();
  for (const release of movement.transfers) {
    const pot = revocablePotReleasedInto(release, pots);
    if (pot === undefined) continue;
    const employment = employmentOf(pot);
    if (employment === undefined) continue;
    const ended = employment.endDate !== undefined;
    consulted.set(employment.employerId, { employerId: employment.employerId, personId: employment.personId, ended });
    if (!ended) continue;
    const returned = returnToFunder(
      { ...pot, availableCents: release.amountCents },
      'revocation',
      `rev_${release.transferId}`,
      at,
      shard,
    );
    returns.push({
      ...returned.movement,
      transfers: returned.movement.transfers.map((transfer) => ({
        ...transfer,
        ...(release.claimId !== undefined && { claimId: release.claimId }),
      })),
      potChanges: [],
    });
    returnedPerPot.set(pot.potId, (returnedPerPot.get(pot.potId) ?? 0) + release.amountCents);
  }
  if (consulted.size === 0) return movement;
  // The release and its return touch one pot item once: released money never becomes available.
  const potChanges = movement.potChanges.map(
    (change): PotChange => ({
      ...change,
      availableDeltaCents: change.availableDeltaCents - (returnedPerPot.get(change.pot.potId) ?? 0),
    }),
  );
  const combined = combineMovements([{ ...movement, potChanges }, ...returns]);
  return {
    ...movement,
    ...combined,
    employmentsAsRead: [...(movement.employmentsAsRead ?? []), ...consulted.values()],
  };
}
