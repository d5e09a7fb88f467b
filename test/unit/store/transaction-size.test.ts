import { describe, expect, it } from 'vitest';
import { allocate, allocateChosen } from '../../../shared/ledger/allocation.ts';
import type { AuditRecord } from '../../../shared/ledger/audit.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import type { Employment } from '../../../shared/ledger/employment.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planCapture, planRelease, planReservation } from '../../../shared/ledger/reservation.ts';
import { returnReleasedAfterEmploymentEnded } from '../../../shared/ledger/return-to-funder.ts';
import type { Funder } from '../../../shared/ledger/scheme.ts';
import { movementItems } from '../../../shared/store/dynamo/movement-items.ts';

/**
 * Every step of a claim is one DynamoDB transaction of at most 100 items. An employer that deposits
 * every month into a scheme with an expiry gives a person one pot per month; a course may draw on
 * all of them. Whatever split an approval holds, its capture, partial capture and release (with
 * money of an ended employment going back to the employer) must fit too, or the money stays held.
 */
const employer: Funder = { funderId: 'kvk-12345678', type: 'employer', name: 'Bouwbedrijf De Vries' };
const personId = 'person-1';
const at = '2026-05-20T10:00:00.000Z';
const today = '2026-05-20';

/** The first of a month, `month` months after January 2027. */
const firstOf = (month: number) => `${2027 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;

const monthlyPots: Pot[] = Array.from({ length: 60 }, (_, month) => ({
  personId,
  potId: `${employer.funderId}#opleiding#${firstOf(month)}`,
  schemeId: 'opleiding',
  label: 'Opleidingsbudget',
  funder: employer,
  expiresAt: firstOf(month),
  revocable: true,
  availableCents: 10_000,
  reservedCents: 0,
}));

const awaiting: Claim = {
  claimId: 'clm_1',
  providerId: 'noord',
  providerName: 'Opleidingen Noord',
  personId,
  courseId: 'lassen-1',
  courseTitle: 'Lassen',
  category: 'techniek',
  amountCents: 600_000,
  startDate: '2026-06-01',
  status: 'awaiting_approval',
  createdAt: at,
  updatedAt: at,
  approveBefore: at,
  coursePriceCents: 600_000,
};

const audit: AuditRecord = {
  auditId: 'aud_1',
  at,
  actor: { role: 'provider', clientId: 'provider-noord', orgId: 'noord' },
  action: 'claim_cancel',
  subject: { claimId: 'clm_1', personId },
  outcome: 'succeeded',
};
const idempotency = {
  scope: 'provider:noord',
  key: 'key-1',
  requestHash: 'hash-1',
  response: { statusCode: 200, body: {} },
  createdAt: at,
};
const ended: Employment = { employerId: employer.funderId, personId, startDate: '2020-01-01', endDate: '2026-05-01' };

describe('transaction size of a claim with many parts', () => {
  const allocation = allocate({ amountCents: awaiting.amountCents, category: 'techniek', today }, monthlyPots);
  const approved: Claim = { ...awaiting, status: 'approved', parts: allocation.parts, ownContributionCents: 0 };
  const options = { idempotency, audit, claim: { claim: approved, expectedStatus: 'approved' as const } };

  it('an approval holds no more parts than its release can return to an ended employment in one transaction', () => {
    const approval = movementItems('t', planReservation(approved, allocation, monthlyPots, at), options);
    expect(approval.length).toBeLessThanOrEqual(100);
    const release = returnReleasedAfterEmploymentEnded(
      planRelease(approved, monthlyPots, at),
      [ended],
      monthlyPots,
      at,
      0,
    );
    expect(movementItems('t', release, options).length).toBeLessThanOrEqual(100);
    const held = allocation.parts.reduce((total, part) => total + part.amountCents, 0);
    expect(held).toBeGreaterThan(10_001);
    for (const capturedCents of [1, 10_000, 10_001, held - 1, held]) {
      const capture = returnReleasedAfterEmploymentEnded(
        planCapture(approved, capturedCents, monthlyPots, at, 0),
        [ended],
        monthlyPots,
        at,
        0,
      );
      expect(movementItems('t', capture, options).length).toBeLessThanOrEqual(100);
    }
  });

  it('holds at most the limit of parts, the rest being the citizen’s own contribution', () => {
    expect(allocation.parts).toHaveLength(limits.partsPerClaimMax);
    expect(allocation.ownContributionCents).toBe(600_000 - limits.partsPerClaimMax * 10_000);
  });

  it('refuses a chosen split that draws on more pots than the limit', () => {
    const request = { amountCents: 600_000, category: 'techniek', today };
    const tooMany = allocateChosen(request, monthlyPots, [{ schemeId: 'opleiding', amountCents: 190_000 }]);
    expect(tooMany).toMatchObject({ ok: false, code: 'invalid_split' });
    const fits = allocateChosen(request, monthlyPots, [{ schemeId: 'opleiding', amountCents: 180_000 }]);
    expect(fits.ok).toBe(true);
  });

  it('fits when every part is another employer’s revocable scheme that has ended', () => {
    const pots: Pot[] = Array.from({ length: limits.partsPerClaimMax + 5 }, (_, index) => {
      const funder: Funder = { funderId: `kvk-${index}`, type: 'employer', name: `Werkgever ${index}` };
      return { ...monthlyPots[0], potId: `kvk-${index}#opleiding#never`, funder, availableCents: 10_000 } as Pot;
    });
    const split = allocate({ amountCents: 600_000, category: 'techniek', today }, pots);
    const claim: Claim = { ...approved, parts: split.parts };
    const employments = pots.map((pot) => ({ ...ended, employerId: pot.funder.funderId }));
    for (const capturedCents of [0, 1]) {
      const movement = returnReleasedAfterEmploymentEnded(
        planCapture(claim, capturedCents, pots, at, 0),
        employments,
        pots,
        at,
        0,
      );
      expect(movementItems('t', movement, options).length).toBeLessThanOrEqual(100);
    }
  });
});
