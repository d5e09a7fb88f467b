import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../../shared/ledger/allocation.ts';
import {
  type Claim,
  checkApprovable,
  checkClaimStartDate,
  toApproved,
  toCaptured,
  toExpired,
} from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { weldingClaim } from './claim-fixture.ts';

/**
 * Claim edges a person reads: the start-date refusal when no published date can be claimed now,
 * the last start date that can still hold money, statuses written as words, the expiry refusals
 * word for word and to the millisecond, and what an approval stores about the course price.
 */

const approveBefore = '2026-06-19T10:00:00.000Z';
const captureBefore = '2026-11-28T23:59:59.999Z';
const now = new Date('2026-05-21T10:00:00.000Z');

const allocation: Allocation = {
  parts: [{ potId: 'rijk#ontwikkelbudget#never', schemeId: 'ontwikkelbudget', funderId: 'rijk', amountCents: 60_000 }],
  ownContributionCents: 0,
};

const awaiting: Claim = weldingClaim({ approveBefore });
const approved: Claim = {
  ...awaiting,
  status: 'approved',
  parts: allocation.parts,
  ownContributionCents: 0,
  captureBefore,
};

describe('checkClaimStartDate when no published start date lies in the claim window', () => {
  it('says none can be claimed now and that new dates must be published first', () => {
    expect(checkClaimStartDate('2026-06-01', { startDates: ['2020-01-06', '2030-01-07'] }, '2026-05-20')).toEqual({
      ok: false,
      code: 'invalid_start_date',
      detail:
        'startDate must be one of the course’s start dates (2020-01-06, 2030-01-07). ' +
        'None of them lies within the claim window now; publish the course’s new start dates first.',
    });
  });
});

describe('checkApprovable and the last start date that can hold money', () => {
  it('lets a claim starting on the last supported date be approved', () => {
    const last = { ...awaiting, startDate: limits.dateMax };

    expect(checkApprovable(last, now)).toEqual({ ok: true, value: last });
  });

  it('refuses a claim starting one day later, saying why and what to do', () => {
    expect(checkApprovable({ ...awaiting, startDate: '2101-01-01' }, now)).toEqual({
      ok: false,
      code: 'claim_not_approvable',
      detail:
        `This claim starts on 2101-01-01, after ${limits.dateMax}, so it cannot hold money. ` +
        'Reject it; the provider can claim again with the real start date.',
    });
  });
});

describe('a status in a refusal is written as words', () => {
  it('writes awaiting_approval as “awaiting approval”', () => {
    expect(toCaptured(awaiting, now, { amountCents: 1, evidence: { kind: 'attendance', date: '2026-06-01' } })).toEqual(
      {
        ok: false,
        code: 'invalid_claim_state',
        detail: 'This claim is awaiting approval; only an approved claim can be captured.',
      },
    );
  });
});

describe('toApproved and the course price', () => {
  it('stores the course price the allocation was held to', () => {
    const result = toApproved(awaiting, now, { allocation, coursePriceCents: 60_000 });

    expect(result.ok && result.value.coursePriceCents).toBe(60_000);
  });

  it('stores no course price field at all when none is given, as for a claim approved before the rule', () => {
    expect(toApproved(awaiting, now, { allocation })).toStrictEqual({
      ok: true,
      value: {
        ...awaiting,
        status: 'approved',
        updatedAt: now.toISOString(),
        parts: allocation.parts,
        ownContributionCents: 0,
        captureBefore: '2026-11-28T23:59:59.999Z',
      },
    });
  });
});

describe('toExpired refusals, word for word and to the millisecond', () => {
  it('refuses an approved claim without a capture deadline', () => {
    const { captureBefore: _none, ...withoutDeadline } = approved;

    expect(toExpired(withoutDeadline, now)).toEqual({
      ok: false,
      code: 'invalid_claim_state',
      detail: 'This claim has no deadline, so it does not expire.',
    });
  });

  it('refuses one millisecond before the capture deadline, naming it', () => {
    expect(toExpired(approved, new Date(Date.parse(captureBefore) - 1))).toEqual({
      ok: false,
      code: 'invalid_claim_state',
      detail: `This claim does not expire before ${captureBefore}.`,
    });
  });

  it('expires the claim at the very millisecond of the deadline', () => {
    const result = toExpired(approved, new Date(captureBefore));

    expect(result.ok && result.value.status).toBe('expired');
  });
});
