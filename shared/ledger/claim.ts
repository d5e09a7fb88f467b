import type { Allocation, AllocationPart } from './allocation.ts';
import { addDays, addMonths, dateOf, isWithinRange } from './dates.ts';
import { limits } from './limits.ts';
import { type FailureCode, fail, type Outcome, succeed } from './outcome.ts';

/** Claim states (README, "How a course gets paid"). */
export type ClaimStatus = 'awaiting_approval' | 'approved' | 'rejected' | 'captured' | 'cancelled' | 'expired' | 'paid';

/**
 * What can be done to a claim: the citizen approves or rejects it, the provider captures it or
 * cancels it (before approval that is a withdrawal), a scheduled job expires it when a deadline
 * passes, and the payouts job pays what was captured.
 */
export type ClaimAction = 'approve' | 'reject' | 'capture' | 'cancel' | 'expire' | 'pay';

/**
 * The only moves between claim states: for each state, the actions it allows and the state each
 * leads to. Every transition below asks this table first, and then checks what else the move
 * needs (a deadline, an amount, evidence).
 */
const moves: Readonly<Record<ClaimStatus, Readonly<Partial<Record<ClaimAction, ClaimStatus>>>>> = {
  // A provider may withdraw a claim before the citizen decides; a claim nobody decides on expires.
  awaiting_approval: { approve: 'approved', reject: 'rejected', cancel: 'cancelled', expire: 'expired' },
  // Held money is taken, given back by the provider, or given back when the capture deadline passes.
  approved: { capture: 'captured', cancel: 'cancelled', expire: 'expired' },
  captured: { pay: 'paid' },
  rejected: {},
  cancelled: {},
  expired: {},
  paid: {},
};

/** The state `action` moves a claim in `status` to, or undefined when that state does not allow it. */
export function nextStatus(status: ClaimStatus, action: ClaimAction): ClaimStatus | undefined {
  return moves[status][action];
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
  /** From this instant on a claim still awaiting approval can no longer be approved, and expires. */
  readonly approveBefore: string;
  /** Set on approval: from this instant on the claim can no longer be captured, and what it holds is released. */
  readonly captureBefore?: string;
  /** Set on approval: what each pot holds for this claim. */
  readonly parts?: readonly AllocationPart[];
  readonly ownContributionCents?: number;
  /**
   * Set on approval: the course price the claim was counted against in the person's use of the
   * course (`course-use.ts`). What such a claim releases is taken off that use again. A claim
   * approved before the rule has none: it was never counted, so its release takes nothing off.
   */
  readonly coursePriceCents?: number;
  /** Set on capture. */
  readonly capturedCents?: number;
  readonly evidence?: ClaimEvidence;
  /** Set when the captured money is paid out. */
  readonly payoutId?: string;
  /** Set at creation when the claim deserves a second look; absent when there is nothing to flag. */
  readonly flags?: readonly ClaimFlag[];
}

/**
 * The start dates a claim made on `today` may have: from `limits.claimStartDaysBackMax` days ago
 * (providers often claim after enrolment, when the course has begun) to
 * `limits.claimStartMonthsAheadMax` months ahead, both included. An approved claim holds money
 * until 180 days after its start, so an unbounded start date would hold it for decades.
 */
export function claimStartWindow(today: string): { readonly min: string; readonly max: string } {
  return { min: addDays(today, -limits.claimStartDaysBackMax), max: addMonths(today, limits.claimStartMonthsAheadMax) };
}

/**
 * Whether a claim made on `today` may start on `startDate`: on one of the course's published start
 * dates when it has them, and in any case within {@link claimStartWindow}. A published date outside
 * the window (long past, or too far ahead) can be claimed once it is inside.
 */
export function checkClaimStartDate(
  startDate: string,
  course: { readonly startDates?: readonly string[] },
  today: string,
): Outcome<string> {
  const window = claimStartWindow(today);
  const published = course.startDates ?? [];
  if (published.length > 0 && !published.includes(startDate)) {
    const open = published.filter((date) => isWithinRange(date, window));
    return fail(
      'invalid_start_date',
      `startDate must be one of the course’s start dates (${published.join(', ')}). ` +
        (open.length > 0
          ? `Of these, ${open.join(', ')} can be claimed today.`
          : 'None of them lies within the claim window now; publish the course’s new start dates first.'),
    );
  }
  if (!isWithinRange(startDate, window)) {
    return fail(
      'invalid_start_date',
      `startDate must lie from ${window.min} (${limits.claimStartDaysBackMax} days ago) to ${window.max} ` +
        `(${limits.claimStartMonthsAheadMax} months ahead). Claim a course that starts later closer to its start.`,
    );
  }
  return succeed(startDate);
}

/** The total a claim holds in pots. */
export function reservedCentsOf(claim: Claim): number {
  return (claim.parts ?? []).reduce((total, part) => total + part.amountCents, 0);
}

/*
 * The transitions. Each takes the claim as just read, the time, and what the move needs, and
 * answers the claim as it is to be stored next, or why the move is not allowed. They decide; they
 * write nothing. The use case stores the next claim conditioned on the old status, so of two
 * racing moves exactly one wins.
 *
 * Deadlines. A claim may be approved while `now` is before `approveBefore`, and captured while it
 * is before `captureBefore`; from that instant on the claim is due to expire, so at no instant can
 * a claim be both approved (or captured) and expired. Rejecting and cancelling have no deadline:
 * they move no money or only give it back, and saying no should not depend on the jobs' timing.
 */

/** A status as a person reads it: `awaiting approval`. */
function described(status: ClaimStatus): string {
  return status.replace('_', ' ');
}

/** True once `deadline` (an ISO 8601 instant) is reached: from that very millisecond on. */
function isReached(deadline: string, now: Date): boolean {
  return now.getTime() >= Date.parse(deadline);
}

/** The code a refused action answers: the citizen's actions have their own, as their routes document. */
function refusalCode(action: ClaimAction): FailureCode {
  return action === 'approve' || action === 'reject' ? 'claim_not_approvable' : 'invalid_claim_state';
}

/** The claim in its next state, stamped with the time of the move. */
function moved(claim: Claim, action: ClaimAction, now: Date, changes: Partial<Claim> = {}): Claim {
  const status = nextStatus(claim.status, action);
  if (status === undefined) throw new Error(`claim: ${action} is not a move from ${claim.status}`);
  return { ...claim, ...changes, status, updatedAt: now.toISOString() };
}

/**
 * Whether the citizen may approve the claim now, as far as the claim goes: it must still await
 * approval and its approval deadline must not be reached. `toApproved` asks this first, and so does
 * the preview of the split (`GET …/allocation`), so the preview refuses exactly what approving
 * would, with the same code and words.
 */
export function checkApprovable(claim: Claim, now: Date): Outcome<Claim> {
  if (nextStatus(claim.status, 'approve') === undefined) {
    return fail(refusalCode('approve'), `This claim is ${described(claim.status)}; it can no longer be approved.`);
  }
  if (isReached(claim.approveBefore, now)) {
    return fail(refusalCode('approve'), 'This claim is too old; it can no longer be approved.');
  }
  // Claims made before start dates were checked may start in year 9999: holding money until then
  // is wrong, and the capture deadline would not be a valid date-time.
  if (claim.startDate > limits.dateMax) {
    return fail(
      refusalCode('approve'),
      `This claim starts on ${claim.startDate}, after ${limits.dateMax}, so it cannot hold money. ` +
        'Reject it; the provider can claim again with the real start date.',
    );
  }
  return succeed(claim);
}

/**
 * The citizen approves: the claim holds `allocation` (made for today) and becomes `approved`, with a
 * capture deadline `limits.captureWindowDays` after the course start or today, whichever is later.
 * Refused when the claim no longer awaits approval, when its approval deadline is reached, and when
 * the allocation holds nothing (none of the citizen's money can pay).
 */
export function toApproved(
  claim: Claim,
  now: Date,
  input: {
    readonly allocation: Allocation;
    /** The course price the allocation was held to; the approval use case always gives it. */
    readonly coursePriceCents?: number;
  },
): Outcome<Claim> {
  const approvable = checkApprovable(claim, now);
  if (!approvable.ok) return approvable;
  if (input.allocation.parts.length === 0) {
    return fail('insufficient_funds', 'None of your money can pay for this course right now.');
  }
  const today = dateOf(now);
  // biome-ignore lint/complexity/useMathMinMax: these are ISO dates, which compare as strings, not numbers.
  const from = claim.startDate > today ? claim.startDate : today;
  return succeed(
    moved(claim, 'approve', now, {
      parts: input.allocation.parts,
      ownContributionCents: input.allocation.ownContributionCents,
      ...(input.coursePriceCents !== undefined && { coursePriceCents: input.coursePriceCents }),
      captureBefore: `${addDays(from, limits.captureWindowDays)}T23:59:59.999Z`,
    }),
  );
}

/**
 * The citizen rejects a claim that awaits approval. Any other state, a rejected claim included,
 * is refused as the table says: rejecting twice is for the caller to answer, not a move.
 *
 * There is no deadline: a claim past `approveBefore` may still be rejected until the job has
 * expired it. Rejecting moves no money and only says no, which the citizen should be able to do
 * whenever the claim is still open, and it spares them an error for a claim they still see.
 */
export function toRejected(claim: Claim, now: Date): Outcome<Claim> {
  if (nextStatus(claim.status, 'reject') === undefined) {
    return fail(refusalCode('reject'), `This claim is ${described(claim.status)}; it can no longer be rejected.`);
  }
  return succeed(moved(claim, 'reject', now));
}

/**
 * The provider takes `amountCents` of what an approved claim holds, on evidence dated between the
 * course start and today (both included); the rest is to be released. Refused when the claim is
 * not approved, when its capture deadline is reached, when the amount is more than is held, and
 * when the evidence date is outside that range.
 */
export function toCaptured(
  claim: Claim,
  now: Date,
  input: { readonly amountCents: number; readonly evidence: ClaimEvidence },
): Outcome<Claim> {
  if (nextStatus(claim.status, 'capture') === undefined) {
    const detail = `This claim is ${described(claim.status)}; only an approved claim can be captured.`;
    return fail(refusalCode('capture'), detail);
  }
  if (claim.captureBefore !== undefined && isReached(claim.captureBefore, now)) {
    return fail(
      refusalCode('capture'),
      `This claim could be captured until ${claim.captureBefore}; what it holds goes back to the citizen.`,
    );
  }
  const held = reservedCentsOf(claim);
  if (input.amountCents > held) return fail('amount_exceeds_reserved', `At most ${held} cents is held for this claim.`);
  const today = dateOf(now);
  if (input.evidence.date > today || input.evidence.date < claim.startDate) {
    return fail(
      'invalid_evidence',
      `The evidence date must lie between the course start (${claim.startDate}) and today (${today}).`,
    );
  }
  return succeed(moved(claim, 'capture', now, { capturedCents: input.amountCents, evidence: input.evidence }));
}

/**
 * The provider cancels a claim: an approved claim gives back everything it holds, and a claim that
 * still awaits approval is withdrawn (it holds nothing, so nothing moves). There is no deadline,
 * since cancelling never takes money. Refused once the claim is decided otherwise.
 */
export function toCancelled(claim: Claim, now: Date): Outcome<Claim> {
  if (nextStatus(claim.status, 'cancel') === undefined) {
    return fail(
      refusalCode('cancel'),
      `This claim is ${described(claim.status)}; only a claim that awaits approval or is approved can be cancelled.`,
    );
  }
  return succeed(moved(claim, 'cancel', now));
}

/**
 * A scheduled job expires a claim whose deadline is reached: a claim awaiting approval at
 * `approveBefore` (nothing is held), an approved claim at `captureBefore` (what it holds is to be
 * released). Refused for a claim in any other state, or before its deadline.
 */
export function toExpired(claim: Claim, now: Date): Outcome<Claim> {
  if (nextStatus(claim.status, 'expire') === undefined) {
    return fail(
      refusalCode('expire'),
      `This claim is ${described(claim.status)}; only a claim that awaits approval or is approved can expire.`,
    );
  }
  const deadline = claim.status === 'awaiting_approval' ? claim.approveBefore : claim.captureBefore;
  if (deadline === undefined) return fail(refusalCode('expire'), 'This claim has no deadline, so it does not expire.');
  if (!isReached(deadline, now)) return fail(refusalCode('expire'), `This claim does not expire before ${deadline}.`);
  return succeed(moved(claim, 'expire', now));
}

/** The payouts job pays a captured claim: it becomes `paid` and names the payout. */
export function toPaid(claim: Claim, now: Date, input: { readonly payoutId: string }): Outcome<Claim> {
  if (nextStatus(claim.status, 'pay') === undefined) {
    return fail(refusalCode('pay'), `This claim is ${described(claim.status)}; only a captured claim can be paid.`);
  }
  return succeed(moved(claim, 'pay', now, { payoutId: input.payoutId }));
}
