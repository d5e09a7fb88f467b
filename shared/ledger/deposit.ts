import { funderAccount, potAccount } from './accounts.ts';
import { type Employment, isEmployedOn, isOngoing } from './employment.ts';
import { limits } from './limits.ts';
import { formatEuros } from './money.ts';
import { fail, type Outcome, succeed } from './outcome.ts';
import { potIdFor } from './pot.ts';
import { expiryDateFor, type Scheme } from './scheme.ts';
import { type SchemeTotalShard, takeFromBudgetShards } from './scheme-totals.ts';
import type { Movement, PotChange, SchemeTotalChange, Transfer } from './transfer.ts';

export interface DepositRequest {
  readonly transferId: string;
  readonly scheme: Scheme;
  readonly personId: string;
  readonly amountCents: number;
  readonly reference?: string;
  /** ISO 8601 UTC timestamp of the deposit. */
  readonly at: string;
  /** The calendar date of `at` in the Netherlands. */
  readonly today: string;
  /** The scheme's total shards as last read; only consulted when the scheme has a budget. */
  readonly shards: readonly SchemeTotalShard[];
  /** Where to start looking for budget and which shard to book on; random per request. */
  readonly shardStart: number;
  /** The person's employment with the funder; consulted only when the funder is an employer. */
  readonly employment?: Employment;
}

export interface DepositPlan {
  readonly movement: Movement;
  readonly transfer: Transfer;
}

/**
 * Decides everything a deposit writes, or why it cannot happen. Pure: the caller reads the scheme,
 * the shards and the employment, and writes the movement in one transaction whose conditions
 * restate these checks.
 */
export function planDeposit(request: DepositRequest): Outcome<DepositPlan> {
  const { scheme, amountCents } = request;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new Error('planDeposit: the amount must be validated as positive whole cents at the edge');
  }
  if (amountCents > limits.depositAmountCentsMax) {
    return fail('amount_exceeds_max', `A single deposit may be at most ${limits.depositAmountCentsMax} cents.`);
  }
  const funder = scheme.funder;
  // Once an end is registered the employer's revocable money has gone back, so no deposit may
  // follow it, not even on the last working day; the store's condition says the same.
  if (
    funder.type === 'employer' &&
    !(isOngoing(request.employment) && isEmployedOn(request.employment, request.today))
  ) {
    return fail(
      'not_employed',
      'This person is not employed by you today. Register the employment first with POST /v1/employees.',
    );
  }
  const expiresAt = expiryDateFor(scheme, request.today);
  if (expiresAt !== undefined && expiresAt <= request.today) {
    return fail(
      'scheme_expired',
      `Money in scheme ${scheme.schemeId} expired on ${expiresAt}; it can no longer receive deposits.`,
    );
  }

  const shardCount = limits.schemeTotalShards;
  let totalChanges: SchemeTotalChange[];
  if (scheme.budgetCents !== undefined) {
    const parts = takeFromBudgetShards(request.shards, amountCents, request.shardStart % shardCount);
    if (parts === undefined) {
      return fail('budget_exceeded', `This deposit would exceed the budget of scheme ${scheme.schemeId}.`);
    }
    totalChanges = parts.map((part) => totalChange(scheme, part.shard, part.amountCents, true));
  } else {
    totalChanges = [totalChange(scheme, request.shardStart % shardCount, amountCents, false)];
  }

  const potId = potIdFor(scheme, expiresAt);
  const transfer: Transfer = {
    transferId: request.transferId,
    type: 'deposit',
    at: request.at,
    amountCents,
    debitAccount: funderAccount(funder.funderId, scheme.schemeId),
    creditAccount: potAccount(request.personId, potId),
    personId: request.personId,
    potId,
    schemeId: scheme.schemeId,
    funderId: funder.funderId,
    availableEffectCents: amountCents,
    description: `${funder.name} deposited ${formatEuros(amountCents, 'en')} for ${scheme.label}`,
    ...(request.reference !== undefined && { reference: request.reference }),
  };
  const movement: Movement = {
    transfers: [transfer],
    potChanges: [depositIntoPot(scheme, request.personId, expiresAt, amountCents)],
    totalChanges,
    ...(funder.type === 'employer' && {
      requireEmployment: { employerId: funder.funderId, personId: request.personId },
    }),
  };
  return succeed({ movement, transfer });
}

/**
 * A deposit's change to the person's pot of the scheme and expiry date: the pot as it is created if
 * it does not exist yet (it copies the scheme's rules, so approving a claim needs one Query), and the
 * money added to what is available.
 */
export function depositIntoPot(
  scheme: Scheme,
  personId: string,
  expiresAt: string | undefined,
  amountCents: number,
): PotChange {
  return {
    pot: {
      personId,
      potId: potIdFor(scheme, expiresAt),
      schemeId: scheme.schemeId,
      label: scheme.label,
      funder: scheme.funder,
      ...(expiresAt !== undefined && { expiresAt }),
      revocable: scheme.revocable,
      ...(scheme.categories !== undefined && { categories: scheme.categories }),
      ...(scheme.maxPerCourseCents !== undefined && { maxPerCourseCents: scheme.maxPerCourseCents }),
    },
    availableDeltaCents: amountCents,
    reservedDeltaCents: 0,
  };
}

function totalChange(scheme: Scheme, shard: number, amountCents: number, budgeted: boolean): SchemeTotalChange {
  return {
    funderId: scheme.funder.funderId,
    schemeId: scheme.schemeId,
    shard,
    balanceDeltaCents: -amountCents,
    depositedDeltaCents: amountCents,
    returnedDeltaCents: 0,
    expiredDeltaCents: 0,
    ...(budgeted && { budgetRemainingDeltaCents: -amountCents }),
  };
}
