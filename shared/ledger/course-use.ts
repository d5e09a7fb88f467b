/**
 * What a person's pots pay for one course, over all of that person's claims for it.
 *
 * A scheme's maximum per course and the course price are limits per person and course, not per
 * claim: two claims for the same course together may take at most a scheme's maximum from that
 * scheme, and at most the course price from all pots. What counts is what the pots hold for the
 * course's claims and what they have spent on them (captured): approving adds what it holds,
 * releasing (a cancel, an expiry, the rest of a partial capture) takes it off again, and a capture
 * changes nothing, since held money becomes spent money.
 *
 * The store keeps this as one counter per person and course, changed in the same transaction as
 * the money and conditioned on the limits, so approvals racing each other cannot pass them. A
 * person and course without a counter have used nothing.
 */

/** A scheme is identified across funders by both ids: scheme ids are unique per funder only. */
export function schemeKey(funderId: string, schemeId: string): string {
  return `${funderId}#${schemeId}`;
}

/** What a person's pots hold and have spent for one course: in total, and per scheme by {@link schemeKey}. */
export interface CourseUse {
  readonly totalCents: number;
  readonly bySchemeCents: Readonly<Record<string, number>>;
}

/** A person and course nobody has paid for yet (and one whose counter predates the rule). */
export const noCourseUse: CourseUse = Object.freeze({ totalCents: 0, bySchemeCents: Object.freeze({}) });

/** The limits a course's use is held to, and what is used already. */
export interface CourseLimit {
  readonly priceCents: number;
  readonly used: CourseUse;
}

/** What is used already from one scheme for the course. */
export function usedFromScheme(use: CourseUse, funderId: string, schemeId: string): number {
  return use.bySchemeCents[schemeKey(funderId, schemeId)] ?? 0;
}

/** What the pots may still pay for the course in total: the price less what they hold and spent. */
export function roomUnderPrice(limit: CourseLimit): number {
  return Math.max(0, limit.priceCents - limit.used.totalCents);
}

/** One scheme's share of a change to a course's use. */
export interface CourseUseSchemeChange {
  readonly funderId: string;
  readonly schemeId: string;
  readonly deltaCents: number;
  /** Set when the change adds: the scheme's use for the course may not pass this (its maximum per course). */
  readonly maxCents?: number;
}

/**
 * A change to what a person's pots pay for one course, written with the movement. An increase
 * carries its limits, which the store restates as conditions. A decrease carries none: money
 * going back to the citizen is never refused over the count, and only a claim that was counted
 * when it was approved is taken off again (see `Claim.coursePriceCents`).
 */
export interface CourseUseChange {
  readonly personId: string;
  readonly providerId: string;
  readonly courseId: string;
  readonly totalDeltaCents: number;
  /** Set when the change adds: the total may not pass this (the course price). */
  readonly totalMaxCents?: number;
  readonly schemes: readonly CourseUseSchemeChange[];
}

/** The use after a change, as a store applies it; absent counts are zero. */
export function applyCourseUseChange(use: CourseUse, change: CourseUseChange): CourseUse {
  const bySchemeCents: Record<string, number> = { ...use.bySchemeCents };
  for (const scheme of change.schemes) {
    const key = schemeKey(scheme.funderId, scheme.schemeId);
    bySchemeCents[key] = (bySchemeCents[key] ?? 0) + scheme.deltaCents;
  }
  return { totalCents: use.totalCents + change.totalDeltaCents, bySchemeCents };
}

/**
 * Whether a store may apply a change to `use`: what it adds only within its limits; what it takes
 * off always. The DynamoDB adapter restates the same rule as condition expressions.
 */
export function courseUseChangeFits(use: CourseUse, change: CourseUseChange): boolean {
  const after = applyCourseUseChange(use, change);
  if (change.totalMaxCents !== undefined && change.totalDeltaCents > 0 && after.totalCents > change.totalMaxCents) {
    return false;
  }
  return change.schemes.every(
    (scheme) =>
      scheme.maxCents === undefined ||
      scheme.deltaCents <= 0 ||
      (after.bySchemeCents[schemeKey(scheme.funderId, scheme.schemeId)] ?? 0) <= scheme.maxCents,
  );
}
