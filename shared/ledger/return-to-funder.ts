import { funderAccount, potAccount } from './accounts.ts';
import { limits } from './limits.ts';
import { formatEuros } from './money.ts';
import { isExpired, type Pot } from './pot.ts';
import type { Movement, SchemeTotalChange, Transfer } from './transfer.ts';

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

/**
 * The movement that returns an employer's revocable money when employment ends: every pot the
 * employer funded with a revocable scheme gives back what is available. `transferIdFor` derives
 * each transfer's id from the request, so a retried request cannot return money twice.
 */
export function planRevocation(
  pots: readonly Pot[],
  employerId: string,
  at: string,
  transferIdFor: (pot: Pot) => string,
  shard: number,
): { movement: Movement; returnedCents: number } {
  const returnable = pots.filter(
    (pot) => pot.funder.funderId === employerId && pot.revocable && pot.availableCents > 0,
  );
  const movements = returnable.map((pot) => returnToFunder(pot, 'revocation', transferIdFor(pot), at, shard).movement);
  return {
    movement: combineMovements(movements),
    returnedCents: returnable.reduce((total, pot) => total + pot.availableCents, 0),
  };
}
