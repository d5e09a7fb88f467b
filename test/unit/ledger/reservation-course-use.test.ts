import { describe, expect, it } from 'vitest';
import type { AllocationPart } from '../../../shared/ledger/allocation.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planCapture, planRelease, planReservation } from '../../../shared/ledger/reservation.ts';
import type { Funder } from '../../../shared/ledger/scheme.ts';
import { weldingClaim } from './claim-fixture.ts';

/**
 * What holding and releasing a claim does to the person's use of the course: an increase carries
 * its limits (a scheme's maximum per course where it has one, and the course price), a decrease
 * carries none, and a claim approved before the rule changes no use at all. Also the words the
 * citizen reads when held money comes back.
 */

const rijk: Funder = { funderId: 'rijk', type: 'public', name: 'Rijksoverheid' };
const sector: Funder = { funderId: 'oo-techniek', type: 'sector', name: 'O&O-fonds Techniek' };
const at = '2026-05-20T10:00:00.000Z';

function pot(funder: Funder, schemeId: string, availableCents: number, maxPerCourseCents?: number): Pot {
  return {
    personId: 'person-1',
    potId: `${funder.funderId}#${schemeId}#never`,
    schemeId,
    label: `${schemeId} label`,
    funder,
    revocable: false,
    ...(maxPerCourseCents !== undefined && { maxPerCourseCents }),
    availableCents,
    reservedCents: 0,
  };
}

// The sector scheme pays at most €500 per course; the public budget has no maximum.
const sectorPot = pot(sector, 'techniek-scholing', 40_000, 50_000);
const publicPot = pot(rijk, 'ontwikkelbudget', 100_000);
const pots = [sectorPot, publicPot];

function part(source: Pot, amountCents: number): AllocationPart {
  return { potId: source.potId, schemeId: source.schemeId, funderId: source.funder.funderId, amountCents };
}

const parts = [part(sectorPot, 40_000), part(publicPot, 20_000)];

/** An approved claim for a €600 course, counted against the course price (approved under the rule). */
const counted: Claim = weldingClaim({
  status: 'approved',
  createdAt: at,
  updatedAt: at,
  parts,
  ownContributionCents: 0,
  coursePriceCents: 60_000,
  captureBefore: '2026-11-28T23:59:59.999Z',
});
const { coursePriceCents: _price, ...notCounted } = counted;

const course = { personId: 'person-1', providerId: 'opleidingen-noord', courseId: 'lassen-1' };

describe('planReservation and the course use', () => {
  it('adds what each scheme holds, with the scheme’s maximum only where it has one, and the price', () => {
    expect(planReservation(counted, { parts, ownContributionCents: 0 }, pots, at).courseUseChange).toStrictEqual({
      ...course,
      totalDeltaCents: 60_000,
      totalMaxCents: 60_000,
      schemes: [
        { funderId: 'oo-techniek', schemeId: 'techniek-scholing', deltaCents: 40_000, maxCents: 50_000 },
        { funderId: 'rijk', schemeId: 'ontwikkelbudget', deltaCents: 20_000 },
      ],
    });
  });

  it('changes no course use for a claim approved before the rule', () => {
    expect(planReservation(notCounted, { parts, ownContributionCents: 0 }, pots, at)).not.toHaveProperty(
      'courseUseChange',
    );
  });
});

describe('planRelease and planCapture and the course use', () => {
  it('takes everything off again on a release, with no limits on the decrease', () => {
    expect(planRelease(counted, pots, at).courseUseChange).toStrictEqual({
      ...course,
      totalDeltaCents: -60_000,
      schemes: [
        { funderId: 'oo-techniek', schemeId: 'techniek-scholing', deltaCents: -40_000 },
        { funderId: 'rijk', schemeId: 'ontwikkelbudget', deltaCents: -20_000 },
      ],
    });
  });

  it('changes no course use when a claim approved before the rule is released or captured', () => {
    expect(planRelease(notCounted, pots, at)).not.toHaveProperty('courseUseChange');
    expect(planCapture(notCounted, 50_000, pots, at, 0)).not.toHaveProperty('courseUseChange');
  });

  it('tells the citizen the released rest is available again', () => {
    const release = planCapture(counted, 50_000, pots, at, 0).transfers.filter((entry) => entry.type === 'release');

    expect(release.map((entry) => entry.description)).toEqual([
      '€100.00 held for Lassen voor beginners by Opleidingen Noord is available again',
    ]);
  });
});
