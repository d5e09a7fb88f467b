import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../../shared/ledger/allocation.ts';
import {
  type Claim,
  type ClaimAction,
  type ClaimStatus,
  checkApprovable,
  checkClaimStartDate,
  claimStartWindow,
  toApproved,
  toCancelled,
  toCaptured,
  toExpired,
  toPaid,
  toRejected,
} from '../../../shared/ledger/claim.ts';
import { type FailureCode, type Outcome, succeed } from '../../../shared/ledger/outcome.ts';

/**
 * The claim lifecycle as pure transitions: every (state, action) pair, then the edges of each
 * check (deadlines to the millisecond, the amount held to the cent, the evidence date to the day).
 * The expected table is written out here, independently of the table in the code, from the README
 * ("How a course gets paid").
 */

const approveBefore = '2026-06-19T10:00:00.000Z';
const captureBefore = '2026-11-28T23:59:59.999Z';
const startDate = '2026-06-01';

const allocation: Allocation = {
  parts: [
    { potId: 'oo-techniek#techniek#2027-05-01', schemeId: 'techniek', funderId: 'oo-techniek', amountCents: 40_000 },
    { potId: 'rijk#ontwikkelbudget#2028-05-20', schemeId: 'ontwikkelbudget', funderId: 'rijk', amountCents: 15_000 },
  ],
  ownContributionCents: 5_000,
};
const heldCents = 55_000;

const awaiting: Claim = {
  claimId: 'clm_1',
  providerId: 'opleidingen-noord',
  providerName: 'Opleidingen Noord',
  personId: 'person-1',
  courseId: 'lassen-1',
  courseTitle: 'Lassen voor beginners',
  category: 'techniek',
  amountCents: 60_000,
  startDate,
  status: 'awaiting_approval',
  createdAt: '2026-05-20T10:00:00.000Z',
  updatedAt: '2026-05-20T10:00:00.000Z',
  approveBefore,
};
const approved: Claim = {
  ...awaiting,
  status: 'approved',
  updatedAt: '2026-05-21T10:00:00.000Z',
  parts: allocation.parts,
  ownContributionCents: allocation.ownContributionCents,
  captureBefore,
};
const captured: Claim = {
  ...approved,
  status: 'captured',
  updatedAt: '2026-06-10T12:00:00.000Z',
  capturedCents: 40_000,
  evidence: { kind: 'attendance', date: '2026-06-05' },
};

/** A claim in every state, each reached by the moves the README allows. */
const claimIn: Record<ClaimStatus, Claim> = {
  awaiting_approval: awaiting,
  approved,
  rejected: { ...awaiting, status: 'rejected', updatedAt: '2026-05-21T10:00:00.000Z' },
  captured,
  cancelled: { ...approved, status: 'cancelled', updatedAt: '2026-06-02T10:00:00.000Z' },
  expired: { ...approved, status: 'expired', updatedAt: '2026-11-29T00:15:00.000Z' },
  paid: { ...captured, status: 'paid', updatedAt: '2026-06-11T02:00:00.000Z', payoutId: 'po-1' },
};

/**
 * For each action, a time at which only the claim's state can stand in its way: before the approval
 * deadline for the citizen's actions, after the course start and before the capture deadline for the
 * provider's, after both deadlines for expiry.
 */
const when: Record<ClaimAction, Date> = {
  approve: new Date('2026-05-21T10:00:00.000Z'),
  reject: new Date('2026-05-21T10:00:00.000Z'),
  capture: new Date('2026-06-10T12:00:00.000Z'),
  cancel: new Date('2026-06-10T12:00:00.000Z'),
  expire: new Date('2026-12-01T00:00:00.000Z'),
  pay: new Date('2026-12-02T02:00:00.000Z'),
};

const evidence = { kind: 'attendance', date: '2026-06-05' } as const;

const act: Record<ClaimAction, (claim: Claim, now: Date) => Outcome<Claim>> = {
  approve: (claim, now) => toApproved(claim, now, { allocation }),
  reject: (claim, now) => toRejected(claim, now),
  capture: (claim, now) => toCaptured(claim, now, { amountCents: 40_000, evidence }),
  cancel: (claim, now) => toCancelled(claim, now),
  expire: (claim, now) => toExpired(claim, now),
  pay: (claim, now) => toPaid(claim, now, { payoutId: 'po-9' }),
};

/** The state each action leads to, or the code it is refused with. Written out, not derived. */
const expected: Record<ClaimStatus, Record<ClaimAction, ClaimStatus | FailureCode>> = {
  awaiting_approval: {
    approve: 'approved',
    reject: 'rejected',
    capture: 'invalid_claim_state',
    cancel: 'cancelled',
    expire: 'expired',
    pay: 'invalid_claim_state',
  },
  approved: {
    approve: 'claim_not_approvable',
    reject: 'claim_not_approvable',
    capture: 'captured',
    cancel: 'cancelled',
    expire: 'expired',
    pay: 'invalid_claim_state',
  },
  rejected: {
    approve: 'claim_not_approvable',
    // No move; the reject use case answers the rejected claim again before asking the transition.
    reject: 'claim_not_approvable',
    capture: 'invalid_claim_state',
    cancel: 'invalid_claim_state',
    expire: 'invalid_claim_state',
    pay: 'invalid_claim_state',
  },
  captured: {
    approve: 'claim_not_approvable',
    reject: 'claim_not_approvable',
    capture: 'invalid_claim_state',
    cancel: 'invalid_claim_state',
    expire: 'invalid_claim_state',
    pay: 'paid',
  },
  cancelled: {
    approve: 'claim_not_approvable',
    reject: 'claim_not_approvable',
    capture: 'invalid_claim_state',
    cancel: 'invalid_claim_state',
    expire: 'invalid_claim_state',
    pay: 'invalid_claim_state',
  },
  expired: {
    approve: 'claim_not_approvable',
    reject: 'claim_not_approvable',
    capture: 'invalid_claim_state',
    cancel: 'invalid_claim_state',
    expire: 'invalid_claim_state',
    pay: 'invalid_claim_state',
  },
  paid: {
    approve: 'claim_not_approvable',
    reject: 'claim_not_approvable',
    capture: 'invalid_claim_state',
    cancel: 'invalid_claim_state',
    expire: 'invalid_claim_state',
    pay: 'invalid_claim_state',
  },
};

// Every state and every action, from the tables above that the types make complete.
const states = Object.keys(claimIn) as ClaimStatus[];
const actions = Object.keys(act) as ClaimAction[];
const statuses = new Set<string>(states);

/** A refusal for the claim's state (or a deadline), as the provider's actions and the jobs get it. */
const refusedState = { ok: false, code: 'invalid_claim_state' };

function valueFrom(outcome: Outcome<Claim>): Claim {
  if (!outcome.ok) throw new Error(`expected a move, got ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

function codeOf(outcome: Outcome<Claim>): FailureCode {
  if (outcome.ok) throw new Error(`expected a refusal, got a move to ${outcome.value.status}`);
  return outcome.code;
}

describe('every action on a claim in every state', () => {
  const matrix = states.flatMap((from) => actions.map((action) => ({ from, action, outcome: expected[from][action] })));

  it.each(matrix)('$action on a claim that is $from: $outcome', ({ from, action, outcome }) => {
    const claim = claimIn[from];
    const before = structuredClone(claim);
    const now = when[action];

    const result = act[action](claim, now);

    if (statuses.has(outcome)) {
      const next = valueFrom(result);
      expect(next.status).toBe(outcome);
      expect(next.claimId).toBe(claim.claimId);
      // A move is stamped with its time.
      expect(next.updatedAt).toBe(now.toISOString());
    } else {
      expect(codeOf(result)).toBe(outcome);
      expect(result).toMatchObject({ detail: expect.stringMatching(/^[A-Z].*\.$/) });
    }
    // The transitions decide; they never change the claim they were given.
    expect(claim).toEqual(before);
  });
});

describe('approving', () => {
  it('holds the allocation and sets a capture deadline 180 days after a course that starts later', () => {
    const next = valueFrom(toApproved(awaiting, when.approve, { allocation }));

    expect(next).toEqual({
      ...awaiting,
      status: 'approved',
      updatedAt: '2026-05-21T10:00:00.000Z',
      parts: allocation.parts,
      ownContributionCents: 5_000,
      captureBefore: '2026-11-28T23:59:59.999Z',
    });
  });

  it('records the course price the approval was held to: the claim counts in the person’s use of the course', () => {
    const next = valueFrom(toApproved(awaiting, when.approve, { allocation, coursePriceCents: 80_000 }));

    expect(next.coursePriceCents).toBe(80_000);
    expect(valueFrom(toApproved(awaiting, when.approve, { allocation })).coursePriceCents).toBeUndefined();
  });

  it('counts the 180 days from today when the course has already started', () => {
    const started = { ...awaiting, startDate: '2026-05-01' };
    const next = valueFrom(toApproved(started, new Date('2026-05-21T10:00:00.000Z'), { allocation }));

    expect(next.captureBefore).toBe('2026-11-17T23:59:59.999Z');
  });

  it(
    'approves until a millisecond before approveBefore, ' + 'and not at approveBefore itself nor a millisecond after',
    () => {
      const justBefore = new Date(Date.parse(approveBefore) - 1);
      expect(valueFrom(toApproved(awaiting, justBefore, { allocation })).status).toBe('approved');

      const tooOld = {
        ok: false,
        code: 'claim_not_approvable',
        detail: 'This claim is too old; it can no longer be approved.',
      };
      expect(toApproved(awaiting, new Date(approveBefore), { allocation })).toEqual(tooOld);
      expect(toApproved(awaiting, new Date(Date.parse(approveBefore) + 1), { allocation })).toEqual(tooOld);
    },
  );

  it('refuses an allocation that holds nothing with insufficient_funds', () => {
    expect(toApproved(awaiting, when.approve, { allocation: { parts: [], ownContributionCents: 60_000 } })).toEqual({
      ok: false,
      code: 'insufficient_funds',
      detail: 'None of your money can pay for this course right now.',
    });
  });

  it('refuses a claim made before start dates were checked, whose deadline would be no valid date-time', () => {
    const farAhead = { ...awaiting, startDate: '9999-12-31' };
    const outcome = checkApprovable(farAhead, when.approve);
    expect(outcome).toMatchObject({ ok: false, code: 'claim_not_approvable' });
    expect(outcome.ok || outcome.detail).toContain('2100-12-31');
    expect(toApproved(farAhead, when.approve, { allocation })).toEqual(outcome);
  });

  it('refuses a decided claim before looking at the allocation', () => {
    const empty = { parts: [], ownContributionCents: 60_000 };
    expect(toApproved(claimIn.rejected, when.approve, { allocation: empty })).toEqual({
      ok: false,
      code: 'claim_not_approvable',
      detail: 'This claim is rejected; it can no longer be approved.',
    });
  });
});

describe('the preview of the split (checkApprovable)', () => {
  it.each(states)('answers what approving a claim that is %s would, code and words', (state) => {
    const claim = claimIn[state];
    const preview = checkApprovable(claim, when.approve);
    const approval = toApproved(claim, when.approve, { allocation });

    expect(preview.ok).toBe(approval.ok);
    if (!preview.ok) expect(preview).toEqual(approval);
  });

  it('refuses a claim too old to approve with claim_not_approvable, from approveBefore on', () => {
    expect(checkApprovable(awaiting, new Date(Date.parse(approveBefore) - 1))).toEqual({ ok: true, value: awaiting });
    const refused = { ok: false, code: 'claim_not_approvable' };
    expect(checkApprovable(awaiting, new Date(approveBefore))).toMatchObject(refused);
    expect(checkApprovable(awaiting, new Date('2026-07-01T00:00:00.000Z'))).toMatchObject(refused);
  });
});

describe('rejecting', () => {
  it('is allowed past approveBefore: it moves no money, and the citizen may say no until the claim has expired', () => {
    const late = new Date('2026-06-20T10:00:00.000Z');

    expect(valueFrom(toRejected(awaiting, late))).toMatchObject({ status: 'rejected', updatedAt: late.toISOString() });
  });

  it('refuses a rejected claim as the table says: rejecting twice is no move (the use case answers it again)', () => {
    expect(toRejected(claimIn.rejected, when.reject)).toEqual({
      ok: false,
      code: 'claim_not_approvable',
      detail: 'This claim is rejected; it can no longer be rejected.',
    });
  });
});

describe('capturing', () => {
  const capture = (amountCents: number, date: string, now = when.capture) =>
    toCaptured(approved, now, { amountCents, evidence: { kind: 'completion', date } });

  it('takes exactly what is held, and refuses one cent more with amount_exceeds_reserved', () => {
    expect(valueFrom(capture(heldCents, '2026-06-05'))).toMatchObject({
      status: 'captured',
      capturedCents: heldCents,
      evidence: { kind: 'completion', date: '2026-06-05' },
    });
    expect(capture(heldCents + 1, '2026-06-05')).toEqual({
      ok: false,
      code: 'amount_exceeds_reserved',
      detail: `At most ${heldCents} cents is held for this claim.`,
    });
  });

  it('takes evidence dated on the course start and on today, and refuses the day before the start and tomorrow', () => {
    expect(valueFrom(capture(1_000, startDate)).status).toBe('captured');
    expect(valueFrom(capture(1_000, '2026-06-10')).status).toBe('captured');

    const detail = 'The evidence date must lie between the course start (2026-06-01) and today (2026-06-10).';
    expect(capture(1_000, '2026-05-31')).toEqual({ ok: false, code: 'invalid_evidence', detail });
    expect(capture(1_000, '2026-06-11')).toEqual({ ok: false, code: 'invalid_evidence', detail });
  });

  it('counts today as the Netherlands does: 22:30 UTC on 10 June is already 11 June', () => {
    expect(valueFrom(capture(1_000, '2026-06-11', new Date('2026-06-10T22:30:00.000Z'))).status).toBe('captured');
  });

  it('captures until a millisecond before captureBefore, not from then on, when the claim is due for release', () => {
    const justBefore = new Date(Date.parse(captureBefore) - 1);
    expect(valueFrom(capture(1_000, '2026-06-05', justBefore)).status).toBe('captured');

    const tooLate = {
      ok: false,
      code: 'invalid_claim_state',
      detail: `This claim could be captured until ${captureBefore}; what it holds goes back to the citizen.`,
    };
    expect(capture(1_000, '2026-06-05', new Date(captureBefore))).toEqual(tooLate);
    expect(capture(1_000, '2026-06-05', new Date(Date.parse(captureBefore) + 1))).toEqual(tooLate);
  });

  it('checks the state before the amount, and the amount before the evidence', () => {
    const tooMuch = heldCents + 1;
    expect(toCaptured(awaiting, when.capture, { amountCents: tooMuch, evidence })).toMatchObject(refusedState);
    const future = { kind: 'completion', date: '2099-01-01' } as const;
    const both = toCaptured(approved, when.capture, { amountCents: tooMuch, evidence: future });
    expect(both).toMatchObject({ code: 'amount_exceeds_reserved' });
  });
});

describe('cancelling', () => {
  it('withdraws a claim awaiting approval: it held nothing and holds nothing', () => {
    const next = valueFrom(toCancelled(awaiting, when.cancel));

    expect(next).toEqual({ ...awaiting, status: 'cancelled', updatedAt: when.cancel.toISOString() });
    expect(next.parts).toBeUndefined();
  });

  it('cancels an approved claim, keeping its parts so that what they hold can be released', () => {
    expect(valueFrom(toCancelled(approved, when.cancel))).toMatchObject({
      status: 'cancelled',
      parts: allocation.parts,
    });
  });

  it('has no deadline: past approveBefore and past captureBefore it still cancels', () => {
    const late = new Date('2026-12-31T00:00:00.000Z');

    expect(valueFrom(toCancelled(awaiting, late)).status).toBe('cancelled');
    expect(valueFrom(toCancelled(approved, late)).status).toBe('cancelled');
  });
});

describe('expiring', () => {
  it('expires a claim awaiting approval from approveBefore on, and not a millisecond before', () => {
    expect(toExpired(awaiting, new Date(Date.parse(approveBefore) - 1))).toMatchObject(refusedState);
    const next = valueFrom(toExpired(awaiting, new Date(approveBefore)));
    expect(next).toMatchObject({ status: 'expired', updatedAt: approveBefore });
  });

  it('expires an approved claim from captureBefore on, and not a millisecond before', () => {
    expect(toExpired(approved, new Date(Date.parse(captureBefore) - 1))).toMatchObject(refusedState);
    const next = valueFrom(toExpired(approved, new Date(captureBefore)));
    expect(next).toMatchObject({ status: 'expired', parts: allocation.parts });
  });

  it('never expires an approved claim without a capture deadline', () => {
    const { captureBefore: _none, ...withoutDeadline } = approved;

    expect(toExpired(withoutDeadline, new Date('2099-01-01T00:00:00.000Z'))).toMatchObject(refusedState);
  });

  it.each([
    { deadline: approveBefore, claim: awaiting, move: (now: Date) => toApproved(awaiting, now, { allocation }) },
    {
      deadline: captureBefore,
      claim: approved,
      move: (now: Date) => toCaptured(approved, now, { amountCents: 1, evidence }),
    },
  ])('never lets a claim both expire and move on at one instant around $deadline', ({ deadline, claim, move }) => {
    for (const offset of [-2, -1, 0, 1, 2]) {
      const now = new Date(Date.parse(deadline) + offset);
      expect(move(now).ok !== toExpired(claim, now).ok, `${offset} ms`).toBe(true);
    }
  });
});

describe('paying', () => {
  it('marks a captured claim paid and names the payout', () => {
    expect(valueFrom(toPaid(captured, when.pay, { payoutId: 'po-9' }))).toEqual({
      ...captured,
      status: 'paid',
      payoutId: 'po-9',
      updatedAt: when.pay.toISOString(),
    });
  });
});

describe('a claim’s start date (checkClaimStartDate)', () => {
  const on = '2026-11-29';

  it('lies from 56 days ago to 18 months ahead, both included, for a course without start dates', () => {
    expect(claimStartWindow(on)).toEqual({ min: '2026-10-04', max: '2028-05-29' });
    for (const date of ['2026-10-04', on, '2028-05-29'])
      expect(checkClaimStartDate(date, {}, on)).toEqual(succeed(date));
    for (const date of ['2026-10-03', '2028-05-30', '2099-01-01', '2100-12-31']) {
      const outcome = checkClaimStartDate(date, {}, on);
      expect(outcome).toMatchObject({ ok: false, code: 'invalid_start_date' });
      expect(outcome.ok || outcome.detail).toContain('from 2026-10-04 (56 days ago) to 2028-05-29 (18 months ahead)');
    }
  });

  it('is one of the course’s start dates when it has them, and says which can be claimed', () => {
    const course = { startDates: ['2026-01-05', '2027-01-11', '2027-03-08'] };
    expect(checkClaimStartDate('2027-03-08', course, on)).toEqual(succeed('2027-03-08'));
    const outcome = checkClaimStartDate('2027-01-12', course, on);
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_start_date' });
    expect(outcome.ok || outcome.detail).toBe(
      'startDate must be one of the course’s start dates (2026-01-05, 2027-01-11, 2027-03-08). ' +
        'Of these, 2027-01-11, 2027-03-08 can be claimed today.',
    );
  });

  it('keeps a published start date outside the window out of reach until it is inside', () => {
    const course = { startDates: ['2026-01-05', '2099-01-01'] };
    expect(checkClaimStartDate('2099-01-01', course, on)).toMatchObject({ ok: false, code: 'invalid_start_date' });
    expect(checkClaimStartDate('2026-01-05', course, on)).toMatchObject({ ok: false, code: 'invalid_start_date' });
    expect(checkClaimStartDate('2099-01-01', course, '2098-01-01')).toEqual(succeed('2099-01-01'));
  });
});
