import { describe, expect, it } from 'vitest';
import type { Allocation, AllocationPart } from '../../../shared/ledger/allocation.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planCapture, planRelease, planReservation } from '../../../shared/ledger/reservation.ts';
import type { Funder } from '../../../shared/ledger/scheme.ts';
import {
  assertBalanced,
  assertTouchesEachItemOnce,
  type Movement,
  type TransferType,
} from '../../../shared/ledger/transfer.ts';

/**
 * The two-phase half of the ledger: approving a claim reserves its parts inside the pots; the
 * provider captures all or part of it, part by part in order, and the rest is released in the same
 * movement; cancelling releases everything. Each scenario states the movement's effect on every
 * account (pot available and reserved, provider payable) and the transfers the citizen sees.
 */

const rijk: Funder = { funderId: 'rijk', type: 'public', name: 'Rijksoverheid' };
const sector: Funder = { funderId: 'oo-techniek', type: 'sector', name: 'O&O-fonds Techniek' };
const personId = 'person-1';
const at = '2026-05-20T10:00:00.000Z';

function pot(funder: Funder, schemeId: string, availableCents: number, reservedCents = 0): Pot {
  return {
    personId,
    potId: `${funder.funderId}#${schemeId}#never`,
    schemeId,
    label: `${schemeId} label`,
    funder,
    revocable: false,
    availableCents,
    reservedCents,
  };
}

const sectorPot = pot(sector, 'techniek-scholing', 40_000);
const publicPot = pot(rijk, 'ontwikkelbudget', 100_000);
const pots = [sectorPot, publicPot];

function part(source: Pot, amountCents: number): AllocationPart {
  return { potId: source.potId, schemeId: source.schemeId, funderId: source.funder.funderId, amountCents };
}

/** The allocation of a €600 claim: €400 from the sector pot first, then €200 from the public pot. */
const twoParts: Allocation = { parts: [part(sectorPot, 40_000), part(publicPot, 20_000)], ownContributionCents: 0 };

const awaiting: Claim = {
  claimId: 'clm_1',
  providerId: 'opleidingen-noord',
  providerName: 'Opleidingen Noord',
  personId,
  courseId: 'lassen-1',
  courseTitle: 'Lassen voor beginners',
  category: 'techniek',
  amountCents: 60_000,
  startDate: '2026-06-01',
  status: 'awaiting_approval',
  createdAt: at,
  updatedAt: at,
  approveBefore: '2026-06-19T10:00:00.000Z',
};

const approved: Claim = {
  ...awaiting,
  status: 'approved',
  parts: twoParts.parts,
  ownContributionCents: 0,
  captureBefore: '2026-11-28T23:59:59.999Z',
};

/** What a movement does to each account, as the store would apply it. */
function effects(movement: Movement): Record<string, number> {
  const result: Record<string, number> = {};
  const add = (name: string, delta: number) => {
    if (delta !== 0) result[name] = (result[name] ?? 0) + delta;
  };
  for (const change of movement.potChanges) {
    add(`available ${change.pot.potId}`, change.availableDeltaCents);
    add(`reserved ${change.pot.potId}`, change.reservedDeltaCents);
  }
  for (const change of movement.totalChanges)
    add(`funder ${change.funderId}#${change.schemeId}`, change.balanceDeltaCents);
  for (const change of movement.payableChanges ?? []) add(`payable ${change.providerId}`, change.balanceDeltaCents);
  return result;
}

/** The transfers as the citizen's history lists them: type, pot, amount and effect on available money. */
function entries(movement: Movement): Array<[TransferType, string, number, number]> {
  return movement.transfers.map((transfer) => [
    transfer.type,
    transfer.potId,
    transfer.amountCents,
    transfer.availableEffectCents,
  ]);
}

interface Scenario {
  readonly scenario: string;
  readonly plan: () => Movement;
  readonly effects: Record<string, number>;
  readonly entries: Array<[TransferType, string, number, number]>;
}

const scenarios: Scenario[] = [
  {
    scenario: 'reserving two parts holds each in its pot: available down, reserved up, by the same amount',
    plan: () => planReservation(approved, twoParts, pots, at),
    effects: {
      [`available ${sectorPot.potId}`]: -40_000,
      [`reserved ${sectorPot.potId}`]: 40_000,
      [`available ${publicPot.potId}`]: -20_000,
      [`reserved ${publicPot.potId}`]: 20_000,
    },
    entries: [
      ['reservation', sectorPot.potId, 40_000, -40_000],
      ['reservation', publicPot.potId, 20_000, -20_000],
    ],
  },
  {
    scenario: 'a full capture takes every part to the provider and releases nothing',
    plan: () => planCapture({ ...approved, status: 'captured' }, 60_000, pots, at, 3),
    effects: {
      [`reserved ${sectorPot.potId}`]: -40_000,
      [`reserved ${publicPot.potId}`]: -20_000,
      'payable opleidingen-noord': 60_000,
    },
    entries: [
      ['capture', sectorPot.potId, 40_000, 0],
      ['capture', publicPot.potId, 20_000, 0],
    ],
  },
  {
    scenario: 'a partial capture within the first part takes from it and releases the rest of it and all of the second',
    plan: () => planCapture({ ...approved, status: 'captured' }, 30_000, pots, at, 3),
    effects: {
      [`available ${sectorPot.potId}`]: 10_000,
      [`reserved ${sectorPot.potId}`]: -40_000,
      [`available ${publicPot.potId}`]: 20_000,
      [`reserved ${publicPot.potId}`]: -20_000,
      'payable opleidingen-noord': 30_000,
    },
    entries: [
      ['capture', sectorPot.potId, 30_000, 0],
      ['release', sectorPot.potId, 10_000, 10_000],
      ['release', publicPot.potId, 20_000, 20_000],
    ],
  },
  {
    scenario:
      'a partial capture over two parts uses up the first part first, then takes from the second and releases its rest',
    plan: () => planCapture({ ...approved, status: 'captured' }, 45_000, pots, at, 3),
    effects: {
      [`reserved ${sectorPot.potId}`]: -40_000,
      [`available ${publicPot.potId}`]: 15_000,
      [`reserved ${publicPot.potId}`]: -20_000,
      'payable opleidingen-noord': 45_000,
    },
    entries: [
      ['capture', sectorPot.potId, 40_000, 0],
      ['capture', publicPot.potId, 5_000, 0],
      ['release', publicPot.potId, 15_000, 15_000],
    ],
  },
  {
    scenario: 'a capture of one cent takes it from the first part',
    plan: () => planCapture({ ...approved, status: 'captured' }, 1, pots, at, 0),
    effects: {
      [`available ${sectorPot.potId}`]: 39_999,
      [`reserved ${sectorPot.potId}`]: -40_000,
      [`available ${publicPot.potId}`]: 20_000,
      [`reserved ${publicPot.potId}`]: -20_000,
      'payable opleidingen-noord': 1,
    },
    entries: [
      ['capture', sectorPot.potId, 1, 0],
      ['release', sectorPot.potId, 39_999, 39_999],
      ['release', publicPot.potId, 20_000, 20_000],
    ],
  },
  {
    scenario: 'a capture of zero releases everything and owes the provider nothing',
    plan: () => planCapture({ ...approved, status: 'captured' }, 0, pots, at, 3),
    effects: {
      [`available ${sectorPot.potId}`]: 40_000,
      [`reserved ${sectorPot.potId}`]: -40_000,
      [`available ${publicPot.potId}`]: 20_000,
      [`reserved ${publicPot.potId}`]: -20_000,
    },
    entries: [
      ['release', sectorPot.potId, 40_000, 40_000],
      ['release', publicPot.potId, 20_000, 20_000],
    ],
  },
  {
    scenario: 'a release (cancel, or not captured in time) gives everything back',
    plan: () => planRelease({ ...approved, status: 'cancelled' }, pots, at),
    effects: {
      [`available ${sectorPot.potId}`]: 40_000,
      [`reserved ${sectorPot.potId}`]: -40_000,
      [`available ${publicPot.potId}`]: 20_000,
      [`reserved ${publicPot.potId}`]: -20_000,
    },
    entries: [
      ['release', sectorPot.potId, 40_000, 40_000],
      ['release', publicPot.potId, 20_000, 20_000],
    ],
  },
  {
    scenario: 'a reservation of one part from one pot',
    plan: () => planReservation(approved, { parts: [part(publicPot, 45_000)], ownContributionCents: 15_000 }, pots, at),
    effects: { [`available ${publicPot.potId}`]: -45_000, [`reserved ${publicPot.potId}`]: 45_000 },
    entries: [['reservation', publicPot.potId, 45_000, -45_000]],
  },
];

describe('planReservation, planCapture and planRelease', () => {
  it.each(scenarios)('$scenario', ({ plan, effects: expectedEffects, entries: expectedEntries }) => {
    const movement = plan();

    expect(() => assertBalanced(movement)).not.toThrow();
    expect(() => assertTouchesEachItemOnce(movement)).not.toThrow();
    expect(effects(movement)).toEqual(expectedEffects);
    expect(entries(movement)).toEqual(expectedEntries);
    // Reservations and releases stay inside the pot; only a capture moves money to the provider.
    expect(movement.totalChanges).toEqual([]);
    for (const transfer of movement.transfers) {
      expect(transfer).toMatchObject({
        personId,
        claimId: approved.claimId,
        at,
        debitAccount: `pot:${personId}:${transfer.potId}`,
        creditAccount: 'provider:opleidingen-noord',
      });
    }
    const ids = movement.transfers.map((transfer) => transfer.transferId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each transfer an id derived from the claim and part, so a step cannot be written twice', () => {
    expect(planReservation(approved, twoParts, pots, at).transfers.map((transfer) => transfer.transferId)).toEqual([
      'res_clm_1_0',
      'res_clm_1_1',
    ]);
    expect(planCapture(approved, 45_000, pots, at, 0).transfers.map((transfer) => transfer.transferId)).toEqual([
      'cap_clm_1_0',
      'cap_clm_1_1',
      'rel_clm_1_1',
    ]);
  });

  it(
    'signs each entry as it affects the citizen’s available money: ' +
      'reservation negative, capture zero, release positive',
    () => {
      const all = [
        ...planReservation(approved, twoParts, pots, at).transfers,
        ...planCapture(approved, 45_000, pots, at, 0).transfers,
      ];

      for (const transfer of all) {
        expect(transfer.amountCents).toBeGreaterThan(0);
        const sign = { reservation: -1, capture: 0, release: 1 }[
          transfer.type as 'reservation' | 'capture' | 'release'
        ];
        expect(Math.sign(transfer.availableEffectCents), transfer.type).toBe(sign);
        if (sign !== 0) expect(Math.abs(transfer.availableEffectCents)).toBe(transfer.amountCents);
      }
    },
  );

  it('names the course and the provider in every entry the citizen sees', () => {
    const all = [
      ...planReservation(approved, twoParts, pots, at).transfers,
      ...planCapture(approved, 45_000, pots, at, 0).transfers,
    ];

    expect(all.map((transfer) => transfer.type)).toEqual([
      'reservation',
      'reservation',
      'capture',
      'capture',
      'release',
    ]);
    for (const transfer of all) {
      expect(transfer.description).toContain('Lassen voor beginners');
      expect(transfer.description).toContain('Opleidingen Noord');
    }
    expect(all[0]?.description).toContain('€400.00');
    expect(all[4]?.description).toContain('€150.00');
  });

  it('puts the captured amount on the given payable shard, kept within the shard count', () => {
    expect(planCapture(approved, 45_000, pots, at, 7).payableChanges).toEqual([
      { providerId: 'opleidingen-noord', shard: 7, balanceDeltaCents: 45_000 },
    ]);
    expect(planCapture(approved, 45_000, pots, at, limits.schemeTotalShards + 2).payableChanges).toEqual([
      { providerId: 'opleidingen-noord', shard: 2, balanceDeltaCents: 45_000 },
    ]);
  });

  it('leaves the pot’s identity as it is listed, so the store finds the same pot', () => {
    const movement = planReservation(approved, twoParts, pots, at);
    const { availableCents: _available, reservedCents: _reserved, ...identity } = sectorPot;

    expect(movement.potChanges[0]?.pot).toEqual(identity);
  });

  it.each([
    { scenario: 'more than is held', captureCents: 60_001 },
    { scenario: 'a negative amount', captureCents: -1 },
    { scenario: 'a fraction of a cent', captureCents: 100.5 },
    { scenario: 'not a number', captureCents: Number.NaN },
  ])('crashes on a capture of $scenario: the use case must check it first', ({ captureCents }) => {
    expect(() => planCapture(approved, captureCents, pots, at, 0)).toThrow(/planCapture/);
  });

  it('crashes on a capture of a claim that holds nothing, for any amount above zero', () => {
    expect(() => planCapture(awaiting, 1, pots, at, 0)).toThrow(/planCapture/);
    expect(planCapture(awaiting, 0, pots, at, 0)).toEqual({ potChanges: [], totalChanges: [], transfers: [] });
  });

  it('crashes when a part names a pot the person does not have', () => {
    expect(() => planReservation(approved, twoParts, [publicPot], at)).toThrow(/reservation/);
    expect(() => planRelease(approved, [sectorPot], at)).toThrow(/reservation/);
  });
});

// A claim approved with its course price is counted in the person's use of the course
// (`course-use.ts`): reserving adds what it holds, with the limits; releasing takes it off.
describe('the person’s use of the course', () => {
  const cappedSector: Pot = { ...sectorPot, maxPerCourseCents: 50_000 };
  const cappedPots = [cappedSector, publicPot];
  const counted: Claim = { ...approved, coursePriceCents: 80_000 };
  const course = { personId, providerId: 'opleidingen-noord', courseId: 'lassen-1' };

  it('is added to on reserving, per funder and scheme, with each scheme’s maximum and the price', () => {
    expect(planReservation(counted, twoParts, cappedPots, at).courseUseChange).toEqual({
      ...course,
      totalDeltaCents: 60_000,
      totalMaxCents: 80_000,
      schemes: [
        { funderId: 'oo-techniek', schemeId: 'techniek-scholing', deltaCents: 40_000, maxCents: 50_000 },
        { funderId: 'rijk', schemeId: 'ontwikkelbudget', deltaCents: 20_000 },
      ],
    });
  });

  it('is taken off by what a partial capture releases, not by what it captures', () => {
    expect(planCapture(counted, 45_000, cappedPots, at, 0).courseUseChange).toEqual({
      ...course,
      totalDeltaCents: -15_000,
      schemes: [{ funderId: 'rijk', schemeId: 'ontwikkelbudget', deltaCents: -15_000 }],
    });
  });

  it('is taken off by everything a release gives back, and not changed by a capture of everything', () => {
    expect(planRelease(counted, cappedPots, at).courseUseChange).toMatchObject({ totalDeltaCents: -60_000 });
    expect(planCapture(counted, 60_000, cappedPots, at, 0).courseUseChange).toBeUndefined();
  });

  it('is not changed for a claim approved before it was counted', () => {
    expect(planReservation(approved, twoParts, cappedPots, at).courseUseChange).toBeUndefined();
    expect(planRelease(approved, cappedPots, at).courseUseChange).toBeUndefined();
  });
});
