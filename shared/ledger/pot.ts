import type { Funder, Scheme } from './scheme.ts';

/**
 * The part of a person's account funded by one scheme, for one expiry date. Deposits with the same
 * expiry date share a pot; a deposit that expires on another date opens another pot, so expiry is
 * exact per euro without tracking lots inside a pot.
 */
export interface Pot {
  readonly personId: string;
  readonly potId: string;
  readonly schemeId: string;
  readonly label: string;
  readonly funder: Funder;
  /** First day the money can no longer be spent; absent when it never expires. */
  readonly expiresAt?: string;
  readonly revocable: boolean;
  /** The scheme's course categories, copied at deposit so approving a claim needs one Query. Absent means all. */
  readonly categories?: readonly string[];
  /** The scheme's maximum per course, copied at deposit for the same reason. */
  readonly maxPerCourseCents?: number;
  readonly availableCents: number;
  readonly reservedCents: number;
}

/** The id of the pot that money of `scheme` expiring on `expiresAt` goes into. */
export function potIdFor(scheme: Scheme, expiresAt: string | undefined): string {
  return `${scheme.funder.funderId}#${scheme.schemeId}#${expiresAt ?? 'never'}`;
}

/** True when the pot's money can no longer be spent on `today`. */
export function isExpired(pot: Pick<Pot, 'expiresAt'>, today: string): boolean {
  return pot.expiresAt !== undefined && pot.expiresAt <= today;
}
