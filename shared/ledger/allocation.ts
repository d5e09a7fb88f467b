import { isExpired, type Pot } from './pot.ts';
import type { FunderType } from './scheme.ts';

/** One pot's share of a claim. */
export interface AllocationPart {
  readonly potId: string;
  readonly schemeId: string;
  readonly funderId: string;
  readonly amountCents: number;
}

export interface Allocation {
  readonly parts: readonly AllocationPart[];
  /** What the pots cannot cover: the citizen pays this to the provider themselves. */
  readonly ownContributionCents: number;
}

/** What is being paid for. */
export interface AllocationRequest {
  readonly amountCents: number;
  readonly category: string;
  readonly today: string;
}

const payOrder: Record<FunderType, number> = { employer: 0, sector: 1, public: 2 };

/** True when a pot may pay for a course of `category` today. */
export function mayPay(pot: Pot, category: string, today: string): boolean {
  return (
    !isExpired(pot, today) &&
    pot.availableCents > 0 &&
    (pot.categories === undefined || pot.categories.includes(category))
  );
}

/**
 * The order pots pay in: the pot that expires first pays first (money that never expires last);
 * at equal expiry the employer pays before the sector fund before the public budget.
 */
export function payingOrder(a: Pot, b: Pot): number {
  return (
    (a.expiresAt ?? '9999-12-31').localeCompare(b.expiresAt ?? '9999-12-31') ||
    payOrder[a.funder.type] - payOrder[b.funder.type] ||
    a.potId.localeCompare(b.potId)
  );
}

/** A scheme is identified across funders by both ids. */
function schemeKey(pot: Pick<Pot, 'funder' | 'schemeId'>): string {
  return `${pot.funder.funderId}#${pot.schemeId}`;
}

/**
 * The default split of a claim over a person's pots. Only pots whose scheme pays for the course's
 * category and that have not expired take part; each scheme pays at most its maximum per course
 * (over all its pots together); pots pay in {@link payingOrder}. Taking as much as possible from
 * each pot in turn gives the largest total any split could give, because the only limits are per
 * pot and per scheme, and a scheme's pots are taken together.
 */
export function allocate(request: AllocationRequest, pots: readonly Pot[]): Allocation {
  const schemeLeft = new Map<string, number>();
  const parts: AllocationPart[] = [];
  let left = request.amountCents;
  for (const pot of [...pots]
    .filter((candidate) => mayPay(candidate, request.category, request.today))
    .sort(payingOrder)) {
    if (left === 0) break;
    const key = schemeKey(pot);
    const capLeft = schemeLeft.get(key) ?? pot.maxPerCourseCents ?? Number.MAX_SAFE_INTEGER;
    const take = Math.min(left, pot.availableCents, capLeft);
    if (take <= 0) continue;
    parts.push({ potId: pot.potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents: take });
    schemeLeft.set(key, capLeft - take);
    left -= take;
  }
  return { parts, ownContributionCents: left };
}

/** What a claim asks the pots to pay for, on `today` (`YYYY-MM-DD`). */
export function allocationRequestFor(
  claim: { readonly amountCents: number; readonly category: string },
  today: string,
): AllocationRequest {
  return { amountCents: claim.amountCents, category: claim.category, today };
}

/**
 * The split of a claim over the pots that approving would make today when the citizen chooses
 * none: one function for the preview (`GET …/allocation`) and the approval, so they cannot differ.
 */
export function proposedAllocation(
  claim: { readonly amountCents: number; readonly category: string },
  pots: readonly Pot[],
  today: string,
): Allocation {
  return allocate(allocationRequestFor(claim, today), pots);
}

/** A citizen's own choice of how much each scheme pays. */
export interface ChosenPart {
  readonly schemeId: string;
  readonly amountCents: number;
}

export type ChosenSplitResult =
  | { readonly ok: true; readonly allocation: Allocation }
  | { readonly ok: false; readonly code: 'invalid_split' | 'insufficient_funds'; readonly detail: string };

/**
 * Checks a citizen's chosen split against the same rules as {@link allocate} and turns it into
 * pot parts: within a scheme, the pot that expires first pays first. The chosen total may be less
 * than the claim (the citizen pays the rest) but never more.
 */
export function allocateChosen(
  request: AllocationRequest,
  pots: readonly Pot[],
  chosen: readonly ChosenPart[],
): ChosenSplitResult {
  const seen = new Set<string>();
  let total = 0;
  const parts: AllocationPart[] = [];
  for (const choice of chosen) {
    if (seen.has(choice.schemeId))
      return { ok: false, code: 'invalid_split', detail: `Scheme ${choice.schemeId} appears twice in the split.` };
    seen.add(choice.schemeId);
    const schemePots = pots
      .filter((pot) => pot.schemeId === choice.schemeId && mayPay(pot, request.category, request.today))
      .sort(payingOrder);
    if (schemePots.length === 0)
      return {
        ok: false,
        code: 'invalid_split',
        detail: `None of your money in scheme ${choice.schemeId} can pay for this course.`,
      };
    // Scheme ids are unique per funder only, so one id may name the schemes of several funders:
    // each of them keeps its own maximum per course, as in `allocate`.
    const capLeft = new Map<string, number>();
    for (const pot of schemePots) capLeft.set(schemeKey(pot), pot.maxPerCourseCents ?? Number.MAX_SAFE_INTEGER);
    const cap = Math.min(
      Number.MAX_SAFE_INTEGER,
      [...capLeft.values()].reduce((sum, each) => sum + each, 0),
    );
    if (choice.amountCents > cap)
      return {
        ok: false,
        code: 'invalid_split',
        detail: `Scheme ${choice.schemeId} pays at most ${cap} cents per course.`,
      };
    let left = choice.amountCents;
    for (const pot of schemePots) {
      const key = schemeKey(pot);
      const take = Math.min(left, pot.availableCents, capLeft.get(key) ?? 0);
      if (take > 0)
        parts.push({ potId: pot.potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents: take });
      capLeft.set(key, (capLeft.get(key) ?? 0) - take);
      left -= take;
    }
    if (left > 0)
      return {
        ok: false,
        code: 'insufficient_funds',
        detail: `There is not enough money in scheme ${choice.schemeId} for ${choice.amountCents} cents.`,
      };
    total += choice.amountCents;
  }
  if (total > request.amountCents)
    return {
      ok: false,
      code: 'invalid_split',
      detail: `The split adds up to ${total} cents, more than the claim of ${request.amountCents} cents.`,
    };
  return { ok: true, allocation: { parts, ownContributionCents: request.amountCents - total } };
}
