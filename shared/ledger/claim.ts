import type { AllocationPart } from './allocation.ts';

/** Claim states and the only moves between them (README, "How a course gets paid"). */
export type ClaimStatus = 'awaiting_approval' | 'approved' | 'rejected' | 'captured' | 'cancelled' | 'expired' | 'paid';

const allowedMoves: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  // A claim nobody approves does not wait forever: a scheduled job expires it.
  awaiting_approval: ['approved', 'rejected', 'expired'],
  approved: ['captured', 'cancelled', 'expired'],
  captured: ['paid'],
  rejected: [],
  cancelled: [],
  expired: [],
  paid: [],
};

/** True when a claim may move from `from` to `to`. */
export function mayMove(from: ClaimStatus, to: ClaimStatus): boolean {
  return allowedMoves[from].includes(to);
}

/**
 * Signals about a claim for whoever reviews providers. A flag does not stop a claim; it says the
 * claim deserves a second look.
 * - `person_never_logged_in`: when the claim was made, the person had never logged in, so nobody
 *   can yet have agreed to the course with them (how CPF fraud typically started).
 */
export type ClaimFlag = 'person_never_logged_in';

export interface ClaimEvidence {
  readonly kind: 'attendance' | 'completion';
  readonly date: string;
}

/** A training provider's request to be paid from a person's account for a course. */
export interface Claim {
  readonly claimId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly personId: string;
  readonly courseId: string;
  readonly courseTitle: string;
  readonly category: string;
  readonly amountCents: number;
  readonly startDate: string;
  readonly reference?: string;
  readonly status: ClaimStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** After this instant a claim still awaiting approval expires. */
  readonly approveBefore: string;
  /** Set on approval: after this instant reserved money that was not captured is released. */
  readonly captureBefore?: string;
  /** Set on approval: what each pot holds for this claim. */
  readonly parts?: readonly AllocationPart[];
  readonly ownContributionCents?: number;
  /** Set on capture. */
  readonly capturedCents?: number;
  readonly evidence?: ClaimEvidence;
  /** Set when the captured money is paid out. */
  readonly payoutId?: string;
  /** Set at creation when the claim deserves a second look; absent when there is nothing to flag. */
  readonly flags?: readonly ClaimFlag[];
}

/** The total a claim holds in pots. */
export function reservedCentsOf(claim: Claim): number {
  return (claim.parts ?? []).reduce((total, part) => total + part.amountCents, 0);
}
