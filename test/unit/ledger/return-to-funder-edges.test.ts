import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import type { Employment } from '../../../shared/ledger/employment.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planRelease } from '../../../shared/ledger/reservation.ts';
import {
  combineMovements,
  planRevocation,
  returnReleasedAfterEmploymentEnded,
} from '../../../shared/ledger/return-to-funder.ts';
import type { Funder } from '../../../shared/ledger/scheme.ts';
import type { Movement, SchemeTotalChange } from '../../../shared/ledger/transfer.ts';

/**
 * Edges of returning money to funders: totals of one scheme shard added up (budgets included), a
 * revocation one pot at a time in pot-id order, and whose employment decides where released
 * money goes.
 */

const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
const deVries: Funder = { funderId: 'kvk-12345678', type: 'employer', name: 'Bouwbedrijf De Vries' };
const jansen: Funder = { funderId: 'kvk-87654321', type: 'employer', name: 'Jansen Installatietechniek' };
const personId = 'person-1';
const at = '2026-05-20T02:00:00.000Z';

function pot(funder: Funder, schemeId: string, expiresAt: string, availableCents: number, reservedCents = 0): Pot {
  return {
    personId,
    potId: `${funder.funderId}#${schemeId}#${expiresAt}`,
    schemeId,
    label: `${schemeId} label`,
    funder,
    expiresAt,
    revocable: funder.type === 'employer',
    availableCents,
    reservedCents,
  };
}

/** A movement with only one total change, as a deposit into a scheme's shard 2 makes. */
function depositTotal(amountCents: number, budgeted: boolean): Movement {
  const change: SchemeTotalChange = {
    funderId: ocw.funderId,
    schemeId: 'pilot',
    shard: 2,
    balanceDeltaCents: -amountCents,
    depositedDeltaCents: amountCents,
    returnedDeltaCents: 0,
    expiredDeltaCents: 0,
    ...(budgeted && { budgetRemainingDeltaCents: -amountCents }),
  };
  return { transfers: [], potChanges: [], totalChanges: [change] };
}

describe('combineMovements on one scheme shard', () => {
  it('adds up what is deposited and what is left of the budget', () => {
    expect(combineMovements([depositTotal(300, true), depositTotal(200, true)]).totalChanges).toEqual([
      {
        funderId: 'ocw',
        schemeId: 'pilot',
        shard: 2,
        balanceDeltaCents: -500,
        depositedDeltaCents: 500,
        returnedDeltaCents: 0,
        expiredDeltaCents: 0,
        budgetRemainingDeltaCents: -500,
      },
    ]);
  });

  it('keeps the budget change when only the later change carries one', () => {
    expect(combineMovements([depositTotal(300, false), depositTotal(200, true)]).totalChanges).toEqual([
      expect.objectContaining({ depositedDeltaCents: 500, budgetRemainingDeltaCents: -200 }),
    ]);
  });
});

describe('planRevocation one pot at a time', () => {
  // Twenty revocable pots, listed in an order unlike their ids.
  const pots = Array.from({ length: 20 }, (_, index) =>
    pot(deVries, 'opleiding', `2027-01-${String(20 - ((index * 7) % 20)).padStart(2, '0')}`, 100 + index),
  );
  const byId = [...pots].sort((a, b) => a.potId.localeCompare(b.potId));

  it('takes exactly one pot when at most one fits, the first by pot id, and leaves the rest in order', () => {
    const { movement, returnedCents, left } = planRevocation(
      pots,
      deVries.funderId,
      at,
      (each) => `rev_${each.potId}`,
      0,
      1,
    );

    expect(movement.potChanges.map((change) => change.pot.potId)).toEqual([byId[0]?.potId]);
    expect(returnedCents).toBe(byId[0]?.availableCents);
    expect(left.map((each) => each.potId)).toEqual(byId.slice(1).map((each) => each.potId));
  });

  it('refuses to plan with room for no pot at all', () => {
    expect(() => planRevocation(pots, deVries.funderId, at, (each) => `rev_${each.potId}`, 0, 0)).toThrow(
      'planRevocation: potsMax must be at least 1, not 0',
    );
  });
});

describe('returnReleasedAfterEmploymentEnded and whose employment counts', () => {
  const revocablePot = pot(deVries, 'opleiding', '2028-01-01', 0, 300);
  const pots = [revocablePot];
  const claim: Claim = {
    claimId: 'clm_1',
    providerId: 'noord',
    providerName: 'Opleidingen Noord',
    personId,
    courseId: 'lassen-1',
    courseTitle: 'Lassen',
    category: 'techniek',
    amountCents: 300,
    startDate: '2026-05-20',
    status: 'cancelled',
    createdAt: at,
    updatedAt: at,
    approveBefore: at,
    parts: [{ potId: revocablePot.potId, schemeId: 'opleiding', funderId: deVries.funderId, amountCents: 300 }],
  };
  const ongoing: Employment = { employerId: deVries.funderId, personId, startDate: '2026-05-10' };
  const endedWithOtherEmployer: Employment = {
    employerId: jansen.funderId,
    personId,
    startDate: '2024-01-01',
    endDate: '2026-01-31',
  };
  const otherPersonsEnded: Employment = {
    employerId: deVries.funderId,
    personId: 'person-2',
    startDate: '2024-01-01',
    endDate: '2026-01-31',
  };

  it.each([
    ['the person’s ended employment with another employer', endedWithOtherEmployer],
    ['another person’s ended employment with that employer', otherPersonsEnded],
  ])('keeps the release in the pot while its employment goes on, whatever %s', (_name, other) => {
    const released = planRelease(claim, pots, at);

    expect(returnReleasedAfterEmploymentEnded(released, [other, ongoing], pots, at, 0)).toEqual({
      ...released,
      employmentsAsRead: [{ employerId: deVries.funderId, personId, ended: false }],
    });
  });

  it('returns a release that names no claim without naming one on the return', () => {
    const ended: Employment = { ...ongoing, startDate: '2024-01-01', endDate: '2026-05-01' };
    const released = planRelease(claim, pots, at);
    const withoutClaim: Movement = {
      ...released,
      transfers: released.transfers.map(({ claimId: _claim, ...transfer }) => transfer),
    };
    const revocation = returnReleasedAfterEmploymentEnded(withoutClaim, [ended], pots, at, 0).transfers.find(
      (transfer) => transfer.type === 'revocation',
    );

    expect(revocation).toMatchObject({ amountCents: 300, transferId: 'rev_rel_clm_1_0' });
    expect(revocation).not.toHaveProperty('claimId');
  });
});
