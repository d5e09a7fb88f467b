import { type CourseLimit, roomUnderPrice, schemeKey as schemeKeyOf, usedFromScheme } from './course-use.ts';
import { limits } from './limits.ts';
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
  /**
   * The course's price and what the person's pots already hold and spent for it (other claims for
   * the same course): each scheme's maximum per course and the price hold over all of them. Absent
   * means nothing is used yet and the claim's own amount is the only total limit.
   */
  readonly course?: CourseLimit;
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
  return schemeKeyOf(pot.funder.funderId, pot.schemeId);
}

/** What a pot's scheme may still pay for the course: its maximum less what other claims for it use. */
function schemeRoom(pot: Pot, request: AllocationRequest): number {
  if (pot.maxPerCourseCents === undefined) return Number.MAX_SAFE_INTEGER;
  const used =
    request.course === undefined ? 0 : usedFromScheme(request.course.used, pot.funder.funderId, pot.schemeId);
  return Math.max(0, pot.maxPerCourseCents - used);
}

/** What all pots together may pay for this claim: its amount, and no more than the price leaves. */
function totalRoom(request: AllocationRequest): number {
  return request.course === undefined
    ? request.amountCents
    : Math.min(request.amountCents, roomUnderPrice(request.course));
}

/**
 * The default split of a claim over a person's pots. Only pots whose scheme pays for the course's
 * category and that have not expired take part; each scheme pays at most its maximum per course
 * (over all its pots together, and over the person's other claims for the course), and all pots
 * together at most what the course price leaves; pots pay in {@link payingOrder}. Taking as much
 * as possible from each pot in turn gives the largest total any split could give, because the
 * only limits are per pot, per scheme and in total, and a scheme's pots are taken together. At
 * most `limits.partsPerClaimMax` pots pay (so the claim's later steps fit one transaction); what
 * more pots would have paid is the citizen's own contribution.
 */
export function allocate(request: AllocationRequest, pots: readonly Pot[]): Allocation {
  const schemeLeft = new Map<string, number>();
  const parts: AllocationPart[] = [];
  let left = totalRoom(request);
  let paid = 0;
  for (const pot of [...pots]
    .filter((candidate) => mayPay(candidate, request.category, request.today))
    .sort(payingOrder)) {
    if (left === 0 || parts.length === limits.partsPerClaimMax) break;
    const key = schemeKey(pot);
    const capLeft = schemeLeft.get(key) ?? schemeRoom(pot, request);
    const take = Math.min(left, pot.availableCents, capLeft);
    if (take <= 0) continue;
    parts.push({ potId: pot.potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents: take });
    schemeLeft.set(key, capLeft - take);
    left -= take;
    paid += take;
  }
  return { parts, ownContributionCents: request.amountCents - paid };
}

/** What a claim asks the pots to pay for, on `today` (`YYYY-MM-DD`). */
export function allocationRequestFor(
  claim: { readonly amountCents: number; readonly category: string },
  today: string,
  course?: CourseLimit,
): AllocationRequest {
  return { amountCents: claim.amountCents, category: claim.category, today, ...(course !== undefined && { course }) };
}

/**
 * The split of a claim over the pots that approving would make today when the citizen chooses
 * none: one function for the preview (`GET …/allocation`) and the approval, so they cannot differ.
 */
export function proposedAllocation(
  claim: { readonly amountCents: number; readonly category: string },
  pots: readonly Pot[],
  today: string,
  course?: CourseLimit,
): Allocation {
  return allocate(allocationRequestFor(claim, today, course), pots);
}

/**
 * A citizen's own choice of how much each scheme pays. `funderId` names the funder when two of the
 * person's schemes share an id; without it the id must name one funder's scheme.
 */
export interface ChosenPart {
  readonly schemeId: string;
  readonly funderId?: string;
  readonly amountCents: number;
}

export type ChosenSplitResult =
  | { readonly ok: true; readonly allocation: Allocation }
  | {
      readonly ok: false;
      readonly code: 'invalid_split' | 'insufficient_funds' | 'ambiguous_scheme';
      readonly detail: string;
    };

/** How a chosen part names its scheme in a message. */
function named(choice: ChosenPart): string {
  return choice.funderId === undefined ? choice.schemeId : `${choice.schemeId} of ${choice.funderId}`;
}

/**
 * Checks a citizen's chosen split against the same rules as {@link allocate} and turns it into
 * pot parts: within a scheme, the pot that expires first pays first. The chosen total may be less
 * than the claim (the citizen pays the rest) but never more, and never more than the course price
 * leaves after the person's other claims for the course.
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
    const candidates = pots.filter(
      (pot) =>
        pot.schemeId === choice.schemeId &&
        (choice.funderId === undefined || pot.funder.funderId === choice.funderId) &&
        mayPay(pot, request.category, request.today),
    );
    const funders = [...new Set(candidates.map((pot) => pot.funder.funderId))];
    if (funders.length === 0)
      return {
        ok: false,
        code: 'invalid_split',
        detail: `None of your money in scheme ${named(choice)} can pay for this course.`,
      };
    if (funders.length > 1)
      return {
        ok: false,
        code: 'ambiguous_scheme',
        detail:
          `More than one funder has a scheme ${choice.schemeId} that can pay for this course ` +
          `(${funders.join(', ')}). Say which one with funderId.`,
      };
    const schemePots = candidates.sort(payingOrder);
    const [first] = schemePots;
    if (first === undefined) throw new Error('allocateChosen: a funder without pots');
    const key = schemeKey(first);
    if (seen.has(key))
      return { ok: false, code: 'invalid_split', detail: `Scheme ${named(choice)} appears twice in the split.` };
    seen.add(key);
    const cap = schemeRoom(first, request);
    if (choice.amountCents > cap)
      return {
        ok: false,
        code: 'invalid_split',
        // Only a scheme with a maximum per course has a cap an amount can pass.
        detail:
          `Scheme ${named(choice)} pays at most ${first.maxPerCourseCents ?? cap} cents per course; ` +
          `${cap} cents of that is left for this course.`,
      };
    let left = choice.amountCents;
    for (const pot of schemePots) {
      const take = Math.min(left, pot.availableCents);
      if (take > 0)
        parts.push({ potId: pot.potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents: take });
      left -= take;
    }
    if (left > 0)
      return {
        ok: false,
        code: 'insufficient_funds',
        detail: `There is not enough money in scheme ${named(choice)} for ${choice.amountCents} cents.`,
      };
    total += choice.amountCents;
  }
  if (parts.length > limits.partsPerClaimMax)
    return {
      ok: false,
      code: 'invalid_split',
      detail:
        `The split draws on ${parts.length} of your pots; one claim can draw on at most ${limits.partsPerClaimMax}. ` +
        'Choose less from the schemes whose money is spread over many pots.',
    };
  if (total > request.amountCents)
    return {
      ok: false,
      code: 'invalid_split',
      detail: `The split adds up to ${total} cents, more than the claim of ${request.amountCents} cents.`,
    };
  const room = totalRoom(request);
  if (total > room)
    return {
      ok: false,
      code: 'invalid_split',
      detail:
        `The split adds up to ${total} cents, but your pots may pay only ${room} cents more for this course: ` +
        'together with your other claims for it, they pay at most its price.',
    };
  return { ok: true, allocation: { parts, ownContributionCents: request.amountCents - total } };
}
