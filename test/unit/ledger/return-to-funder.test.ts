import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import type { Employment } from '../../../shared/ledger/employment.ts';
import { accountOverview, expiryWarningDays } from '../../../shared/ledger/overview.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planCapture, planRelease } from '../../../shared/ledger/reservation.ts';
import {
  combineMovements,
  employersOfReleases,
  planExpiry,
  planLeaveExpiryList,
  planRevocation,
  returnReleasedAfterEmploymentEnded,
} from '../../../shared/ledger/return-to-funder.ts';
import type { Funder } from '../../../shared/ledger/scheme.ts';
import { assertBalanced, assertTouchesEachItemOnce, type Movement } from '../../../shared/ledger/transfer.ts';

const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
const bouwfonds: Funder = { funderId: 'bouwfonds', type: 'sector', name: 'Sectorfonds Bouw' };
const deVries: Funder = { funderId: 'kvk-12345678', type: 'employer', name: 'Bouwbedrijf De Vries' };
const jansen: Funder = { funderId: 'kvk-87654321', type: 'employer', name: 'Jansen Installatietechniek' };

const personId = 'person-1';
const today = '2026-05-20';
const at = '2026-05-20T02:00:00.000Z';

interface PotSpec {
  readonly funder: Funder;
  readonly schemeId: string;
  readonly expiresAt?: string;
  readonly availableCents: number;
  readonly reservedCents?: number;
  readonly revocable?: boolean;
}

function pot({ funder, schemeId, expiresAt, availableCents, reservedCents = 0, revocable = false }: PotSpec): Pot {
  return {
    personId,
    potId: `${funder.funderId}#${schemeId}#${expiresAt ?? 'never'}`,
    schemeId,
    label: `${schemeId} label`,
    funder,
    ...(expiresAt !== undefined && { expiresAt }),
    revocable,
    availableCents,
    reservedCents,
  };
}

/**
 * Ledger balances after applying `movement` to the pots as given, each pot's funder account
 * starting at minus what the pot holds (so the books start balanced).
 */
function balancesAfter(pots: readonly Pot[], movement: Movement | undefined): Record<string, number> {
  const balances: Record<string, number> = {};
  for (const each of pots) {
    balances[`pot:${each.personId}:${each.potId}`] = each.availableCents + each.reservedCents;
    const funder = `funder:${each.funder.funderId}:${each.schemeId}`;
    balances[funder] = (balances[funder] ?? 0) - each.availableCents - each.reservedCents;
  }
  for (const change of movement?.potChanges ?? []) {
    const account = `pot:${change.pot.personId}:${change.pot.potId}`;
    balances[account] = (balances[account] ?? 0) + change.availableDeltaCents + change.reservedDeltaCents;
  }
  for (const change of movement?.totalChanges ?? []) {
    const account = `funder:${change.funderId}:${change.schemeId}`;
    balances[account] = (balances[account] ?? 0) + change.balanceDeltaCents;
  }
  return balances;
}

describe('planExpiry', () => {
  const scenarios: Array<{ scenario: string; pot: Pot; moves: number | undefined; balances: Record<string, number> }> =
    [
      {
        scenario: 'a pot that expires tomorrow keeps its money',
        pot: pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: '2026-05-21', availableCents: 500 }),
        moves: undefined,
        balances: { 'pot:person-1:bouwfonds#bouw#2026-05-21': 500, 'funder:bouwfonds:bouw': -500 },
      },
      {
        scenario: 'a pot that never expires keeps its money',
        pot: pot({ funder: ocw, schemeId: 'stap', availableCents: 500 }),
        moves: undefined,
        balances: { 'pot:person-1:ocw#stap#never': 500, 'funder:ocw:stap': -500 },
      },
      {
        scenario: 'a pot whose expiry date is today returns everything to the funder',
        pot: pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: today, availableCents: 500 }),
        moves: 500,
        balances: { 'pot:person-1:bouwfonds#bouw#2026-05-20': 0, 'funder:bouwfonds:bouw': 0 },
      },
      {
        scenario: 'a pot that expired last year returns everything to the funder',
        pot: pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: '2025-01-01', availableCents: 1 }),
        moves: 1,
        balances: { 'pot:person-1:bouwfonds#bouw#2025-01-01': 0, 'funder:bouwfonds:bouw': 0 },
      },
      {
        scenario: 'an expired pot returns only what is available; reserved money stays with its claim',
        pot: pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: today, availableCents: 500, reservedCents: 200 }),
        moves: 500,
        balances: { 'pot:person-1:bouwfonds#bouw#2026-05-20': 200, 'funder:bouwfonds:bouw': -200 },
      },
      {
        scenario: 'an expired pot with nothing available moves nothing',
        pot: pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: today, availableCents: 0, reservedCents: 300 }),
        moves: undefined,
        balances: { 'pot:person-1:bouwfonds#bouw#2026-05-20': 300, 'funder:bouwfonds:bouw': -300 },
      },
      {
        scenario: 'an expired empty pot moves nothing',
        pot: pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: today, availableCents: 0 }),
        moves: undefined,
        balances: { 'pot:person-1:bouwfonds#bouw#2026-05-20': 0, 'funder:bouwfonds:bouw': 0 },
      },
    ];

  it.each(scenarios)('$scenario (moves $moves)', ({ pot: expiring, moves, balances }) => {
    const movement = planExpiry(expiring, at, today, 0);

    expect(movement?.transfers[0]?.amountCents).toBe(moves);
    if (movement !== undefined) assertBalanced(movement);
    expect(balancesAfter([expiring], movement)).toEqual(balances);
  });

  it('writes one expiry transfer from the pot to the funder, counted as expired in the scheme totals', () => {
    const expiring = pot({
      funder: bouwfonds,
      schemeId: 'bouw',
      expiresAt: today,
      availableCents: 12_345,
      reservedCents: 1_000,
    });
    const movement = planExpiry(expiring, at, today, 17);

    expect(movement).toEqual({
      transfers: [
        {
          transferId: 'exp_bouwfonds#bouw#2026-05-20_2026-05-20',
          type: 'expiry',
          at,
          amountCents: 12_345,
          debitAccount: 'pot:person-1:bouwfonds#bouw#2026-05-20',
          creditAccount: 'funder:bouwfonds:bouw',
          personId,
          potId: 'bouwfonds#bouw#2026-05-20',
          schemeId: 'bouw',
          funderId: 'bouwfonds',
          availableEffectCents: -12_345,
          description: '€123.45 of bouw label expired and went back to Sectorfonds Bouw',
        },
      ],
      potChanges: [
        {
          pot: {
            personId,
            potId: 'bouwfonds#bouw#2026-05-20',
            schemeId: 'bouw',
            label: 'bouw label',
            funder: bouwfonds,
            expiresAt: today,
            revocable: false,
          },
          availableDeltaCents: -12_345,
          reservedDeltaCents: 0,
          takesAllAvailable: true,
        },
      ],
      totalChanges: [
        {
          funderId: 'bouwfonds',
          schemeId: 'bouw',
          shard: 7,
          balanceDeltaCents: 12_345,
          depositedDeltaCents: 0,
          returnedDeltaCents: 0,
          expiredDeltaCents: 12_345,
        },
      ],
    });
  });

  it(
    'derives the transfer id from the pot and the day of the run: ' +
      'the same on a re-run that day, another on a later day',
    () => {
      const expiring = pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: today, availableCents: 500 });
      const idOn = (day: string, instant: string) => planExpiry(expiring, instant, day, 1)?.transfers[0]?.transferId;

      expect(idOn(today, at)).toBe('exp_bouwfonds#bouw#2026-05-20_2026-05-20');
      expect(idOn(today, '2026-05-20T14:00:00.000Z')).toBe(idOn(today, at));
      // Money released into the expired pot later expires on a later run, under its own id.
      expect(idOn('2026-05-21', '2026-05-21T02:00:00.000Z')).toBe('exp_bouwfonds#bouw#2026-05-20_2026-05-21');
    },
  );

  it('takes everything available and takes the pot off the expiry work list', () => {
    const expiring = pot({
      funder: bouwfonds,
      schemeId: 'bouw',
      expiresAt: today,
      availableCents: 500,
      reservedCents: 20,
    });

    expect(planExpiry(expiring, at, today, 1)?.potChanges).toEqual([
      expect.objectContaining({ availableDeltaCents: -500, reservedDeltaCents: 0, takesAllAvailable: true }),
    ]);
  });
});

describe('planLeaveExpiryList', () => {
  it.each([
    {
      scenario: 'an expired pot with nothing available leaves the list without moving money',
      expiresAt: today,
      availableCents: 0,
      reservedCents: 300,
      leaves: true,
    },
    {
      scenario: 'an expired, spent pot leaves the list',
      expiresAt: '2025-01-01',
      availableCents: 0,
      reservedCents: 0,
      leaves: true,
    },
    {
      scenario: 'an expired pot with money available is expired instead',
      expiresAt: today,
      availableCents: 1,
      reservedCents: 0,
      leaves: false,
    },
    {
      scenario: 'a pot that expires tomorrow stays',
      expiresAt: '2026-05-21',
      availableCents: 0,
      reservedCents: 0,
      leaves: false,
    },
  ])('$scenario', ({ expiresAt, availableCents, reservedCents, leaves }) => {
    const listed = pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt, availableCents, reservedCents });
    const movement = planLeaveExpiryList(listed, today);

    if (!leaves) {
      expect(movement).toBeUndefined();
      return;
    }
    expect(movement?.transfers).toEqual([]);
    expect(movement?.totalChanges).toEqual([]);
    expect(movement?.potChanges).toEqual([
      expect.objectContaining({ availableDeltaCents: 0, reservedDeltaCents: 0, takesAllAvailable: true }),
    ]);
  });
});

describe('planRevocation', () => {
  const opleiding2027 = pot({
    funder: deVries,
    schemeId: 'opleiding',
    expiresAt: '2027-03-01',
    availableCents: 500,
    revocable: true,
  });
  const opleiding2028 = pot({
    funder: deVries,
    schemeId: 'opleiding',
    expiresAt: '2028-01-15',
    availableCents: 300,
    reservedCents: 100,
    revocable: true,
  });
  const vakdiploma = pot({ funder: deVries, schemeId: 'vakdiploma', availableCents: 250, revocable: true });
  const persoonlijk = pot({ funder: deVries, schemeId: 'persoonlijk', availableCents: 400, revocable: false });
  const reservedOnly = pot({
    funder: deVries,
    schemeId: 'cursus',
    availableCents: 0,
    reservedCents: 50,
    revocable: true,
  });
  const jansenPot = pot({ funder: jansen, schemeId: 'opleiding', availableCents: 700, revocable: true });
  const publicPot = pot({ funder: ocw, schemeId: 'stap', availableCents: 900 });
  const pots = [opleiding2027, opleiding2028, vakdiploma, persoonlijk, reservedOnly, jansenPot, publicPot];

  const transferIdFor = (revoked: Pot) => `rev_req-1_${revoked.potId}`;

  it('returns what is available in every revocable pot of this employer, and nothing else', () => {
    const { movement, returnedCents } = planRevocation(pots, deVries.funderId, at, transferIdFor, 4);

    expect(returnedCents).toBe(500 + 300 + 250);
    assertBalanced(movement);
    expect(balancesAfter(pots, movement)).toEqual({
      'pot:person-1:kvk-12345678#opleiding#2027-03-01': 0,
      // The reserved 100 belongs to a claim in flight and stays.
      'pot:person-1:kvk-12345678#opleiding#2028-01-15': 100,
      'funder:kvk-12345678:opleiding': -100,
      'pot:person-1:kvk-12345678#vakdiploma#never': 0,
      'funder:kvk-12345678:vakdiploma': 0,
      // Not revocable: the person keeps it.
      'pot:person-1:kvk-12345678#persoonlijk#never': 400,
      'funder:kvk-12345678:persoonlijk': -400,
      'pot:person-1:kvk-12345678#cursus#never': 50,
      'funder:kvk-12345678:cursus': -50,
      // Another employer's and the government's money are not this employer's to take.
      'pot:person-1:kvk-87654321#opleiding#never': 700,
      'funder:kvk-87654321:opleiding': -700,
      'pot:person-1:ocw#stap#never': 900,
      'funder:ocw:stap': -900,
    });
  });

  it('writes one revocation transfer per pot, with the id the caller derived from its request', () => {
    const { movement } = planRevocation(pots, deVries.funderId, at, transferIdFor, 4);

    expect(
      movement.transfers.map((transfer) => [
        transfer.transferId,
        transfer.type,
        transfer.amountCents,
        transfer.debitAccount,
        transfer.creditAccount,
      ]),
    ).toEqual([
      [
        'rev_req-1_kvk-12345678#opleiding#2027-03-01',
        'revocation',
        500,
        'pot:person-1:kvk-12345678#opleiding#2027-03-01',
        'funder:kvk-12345678:opleiding',
      ],
      [
        'rev_req-1_kvk-12345678#opleiding#2028-01-15',
        'revocation',
        300,
        'pot:person-1:kvk-12345678#opleiding#2028-01-15',
        'funder:kvk-12345678:opleiding',
      ],
      [
        'rev_req-1_kvk-12345678#vakdiploma#never',
        'revocation',
        250,
        'pot:person-1:kvk-12345678#vakdiploma#never',
        'funder:kvk-12345678:vakdiploma',
      ],
    ]);
    expect(
      movement.transfers.every(
        (transfer) => transfer.at === at && transfer.availableEffectCents === -transfer.amountCents,
      ),
    ).toBe(true);
    expect(movement.transfers[0]?.description).toBe(
      '€5.00 of opleiding label went back to Bouwbedrijf De Vries because your employment ended',
    );
    expect(
      movement.potChanges.map((change) => [change.pot.potId, change.availableDeltaCents, change.reservedDeltaCents]),
    ).toEqual([
      ['kvk-12345678#opleiding#2027-03-01', -500, 0],
      ['kvk-12345678#opleiding#2028-01-15', -300, 0],
      ['kvk-12345678#vakdiploma#never', -250, 0],
    ]);
  });

  it(
    'counts the money as returned, not expired, ' +
      'with one total change per scheme shard so one transaction can write it',
    () => {
      const { movement } = planRevocation(pots, deVries.funderId, at, transferIdFor, 14);

      expect(movement.totalChanges).toEqual([
        {
          funderId: 'kvk-12345678',
          schemeId: 'opleiding',
          shard: 4,
          balanceDeltaCents: 800,
          depositedDeltaCents: 0,
          returnedDeltaCents: 800,
          expiredDeltaCents: 0,
        },
        {
          funderId: 'kvk-12345678',
          schemeId: 'vakdiploma',
          shard: 4,
          balanceDeltaCents: 250,
          depositedDeltaCents: 0,
          returnedDeltaCents: 250,
          expiredDeltaCents: 0,
        },
      ]);
    },
  );

  it('is an empty movement when the employer funded nothing revocable that still holds money', () => {
    const { movement, returnedCents } = planRevocation(
      [persoonlijk, reservedOnly, jansenPot, publicPot],
      deVries.funderId,
      at,
      transferIdFor,
      0,
    );

    expect(returnedCents).toBe(0);
    expect(movement).toEqual({ transfers: [], potChanges: [], totalChanges: [] });
  });

  it('leaves nothing for later when every returnable pot fits', () => {
    const { left, leftCents } = planRevocation(pots, deVries.funderId, at, transferIdFor, 4);

    expect(left).toEqual([]);
    expect(leftCents).toBe(0);
  });

  it('returns at most potsMax pots, by pot id, and says which are left and what they hold', () => {
    const shuffled = [vakdiploma, publicPot, opleiding2028, persoonlijk, opleiding2027, jansenPot, reservedOnly];
    const first = planRevocation(shuffled, deVries.funderId, at, transferIdFor, 4, 2);

    expect(first.movement.transfers.map((transfer) => transfer.potId)).toEqual([
      opleiding2027.potId,
      opleiding2028.potId,
    ]);
    expect(first.returnedCents).toBe(500 + 300);
    expect(first.left).toEqual([vakdiploma]);
    expect(first.leftCents).toBe(250);
    assertBalanced(first.movement);

    // Planned again once the first is written, it starts where the first stopped.
    const written = shuffled.map((candidate) =>
      first.left.includes(candidate) || candidate.funder !== deVries || !candidate.revocable
        ? candidate
        : { ...candidate, availableCents: 0 },
    );
    const second = planRevocation(written, deVries.funderId, at, transferIdFor, 4, 2);
    expect(second.movement.transfers.map((transfer) => transfer.potId)).toEqual([vakdiploma.potId]);
    expect(second.returnedCents).toBe(250);
    expect(second.left).toEqual([]);
    expect(second.leftCents).toBe(0);
  });

  it('refuses a maximum below one pot, which would never return anything', () => {
    expect(() => planRevocation(pots, deVries.funderId, at, transferIdFor, 4, 0)).toThrow(/potsMax/);
  });
});

describe('combineMovements', () => {
  const bouw2026 = pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: '2026-01-01', availableCents: 100 });
  const bouw2025 = pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: '2025-01-01', availableCents: 40 });
  const stap = pot({ funder: ocw, schemeId: 'stap', expiresAt: '2026-02-01', availableCents: 7 });

  it('keeps every transfer and pot change, and merges changes to the same scheme shard', () => {
    const movements = [bouw2026, bouw2025, stap]
      .map((expiring) => planExpiry(expiring, at, today, 2))
      .filter((movement) => movement !== undefined);
    const combined = combineMovements(movements);

    assertBalanced(combined);
    expect(combined.transfers.map((transfer) => transfer.amountCents)).toEqual([100, 40, 7]);
    expect(combined.potChanges.map((change) => change.availableDeltaCents)).toEqual([-100, -40, -7]);
    expect(
      combined.totalChanges.map((change) => [
        change.funderId,
        change.schemeId,
        change.shard,
        change.balanceDeltaCents,
        change.expiredDeltaCents,
      ]),
    ).toEqual([
      ['bouwfonds', 'bouw', 2, 140, 140],
      ['ocw', 'stap', 2, 7, 7],
    ]);
  });

  it('keeps changes to different shards of one scheme apart', () => {
    const combined = combineMovements(
      [planExpiry(bouw2026, at, today, 1), planExpiry(bouw2025, at, today, 2)].filter(
        (movement) => movement !== undefined,
      ),
    );

    expect(combined.totalChanges.map((change) => [change.shard, change.balanceDeltaCents])).toEqual([
      [1, 100],
      [2, 40],
    ]);
  });

  it('of no movements is the empty movement', () => {
    expect(combineMovements([])).toEqual({ transfers: [], potChanges: [], totalChanges: [] });
  });
});

describe('accountOverview', () => {
  const employerSep = pot({
    funder: deVries,
    schemeId: 'opleiding',
    expiresAt: '2026-09-01',
    availableCents: 300,
    revocable: true,
  });
  const sectorSep = pot({ funder: bouwfonds, schemeId: 'bouw', expiresAt: '2026-09-01', availableCents: 200 });
  const publicSep = pot({ funder: ocw, schemeId: 'stap-2026', expiresAt: '2026-09-01', availableCents: 100 });
  const sectorJuly = pot({
    funder: bouwfonds,
    schemeId: 'bouw-zomer',
    expiresAt: '2026-07-01',
    availableCents: 50,
    reservedCents: 25,
  });
  const lastWarnedDay = pot({ funder: ocw, schemeId: 'grens', expiresAt: '2026-08-18', availableCents: 10 });
  const firstUnwarnedDay = pot({ funder: ocw, schemeId: 'grens', expiresAt: '2026-08-19', availableCents: 20 });
  const expiredUnmoved = pot({ funder: deVries, schemeId: 'oud', expiresAt: '2026-05-01', availableCents: 400 });
  const publicNever = pot({ funder: ocw, schemeId: 'stap', availableCents: 1_000 });
  const employerNever = pot({ funder: deVries, schemeId: 'vrij', availableCents: 5 });
  const reservedOnly = pot({ funder: bouwfonds, schemeId: 'cursus', availableCents: 0, reservedCents: 75 });
  const empty = pot({ funder: ocw, schemeId: 'leeg', expiresAt: '2026-06-01', availableCents: 0 });
  // Shuffled on purpose: the order must come from the rule, not from the input.
  const pots = [
    publicNever,
    empty,
    publicSep,
    firstUnwarnedDay,
    employerSep,
    reservedOnly,
    sectorJuly,
    expiredUnmoved,
    employerNever,
    sectorSep,
    lastWarnedDay,
  ];

  it('orders pots as they would pay: first expiry first, then employer, sector, public; never-expiring last', () => {
    const overview = accountOverview(pots, today);

    expect(overview.pots.map((shown) => shown.potId)).toEqual([
      'kvk-12345678#oud#2026-05-01',
      'bouwfonds#bouw-zomer#2026-07-01',
      'ocw#grens#2026-08-18',
      'ocw#grens#2026-08-19',
      'kvk-12345678#opleiding#2026-09-01',
      'bouwfonds#bouw#2026-09-01',
      'ocw#stap-2026#2026-09-01',
      'kvk-12345678#vrij#never',
      'bouwfonds#cursus#never',
      'ocw#stap#never',
    ]);
  });

  it(`warns about pots that expire within ${expiryWarningDays} days`, () => {
    const overview = accountOverview(pots, today);
    const soon = Object.fromEntries(overview.pots.map((shown) => [shown.potId, shown.expiringSoon]));

    expect(soon).toEqual({
      'kvk-12345678#oud#2026-05-01': true,
      'bouwfonds#bouw-zomer#2026-07-01': true,
      // 20 May + 90 days is 18 August: still warned; a day later is not.
      'ocw#grens#2026-08-18': true,
      'ocw#grens#2026-08-19': false,
      'kvk-12345678#opleiding#2026-09-01': false,
      'bouwfonds#bouw#2026-09-01': false,
      'ocw#stap-2026#2026-09-01': false,
      'kvk-12345678#vrij#never': false,
      'bouwfonds#cursus#never': false,
      'ocw#stap#never': false,
    });
  });

  it('does not count money that expired but has not been moved yet as available', () => {
    const overview = accountOverview(pots, today);

    expect(overview.availableCents).toBe(300 + 200 + 100 + 50 + 10 + 20 + 1_000 + 5);
    expect(overview.reservedCents).toBe(25 + 75);
  });

  it('hides pots that hold nothing, available or reserved', () => {
    const overview = accountOverview(pots, today);

    expect(overview.pots.map((shown) => shown.potId)).not.toContain(empty.potId);
    expect(overview.pots.map((shown) => shown.potId)).toContain(reservedOnly.potId);
  });

  it('is empty for a person without pots', () => {
    expect(accountOverview([], today)).toEqual({ availableCents: 0, reservedCents: 0, pots: [] });
  });
});

describe('returnReleasedAfterEmploymentEnded', () => {
  // The claim held 300 in De Vries's revocable pot and 200 in the government's pot.
  const revocablePot = pot({
    funder: deVries,
    schemeId: 'opleiding',
    availableCents: 0,
    reservedCents: 300,
    revocable: true,
  });
  const publicPot = pot({ funder: ocw, schemeId: 'stap', availableCents: 1_000, reservedCents: 200 });
  const ownPot = pot({ funder: deVries, schemeId: 'persoonlijk', availableCents: 0, reservedCents: 0 });
  const pots = [revocablePot, publicPot, ownPot];
  const claim: Claim = {
    claimId: 'clm_1',
    providerId: 'noord',
    providerName: 'Opleidingen Noord',
    personId,
    courseId: 'lassen-1',
    courseTitle: 'Lassen',
    category: 'techniek',
    amountCents: 500,
    startDate: today,
    status: 'cancelled',
    createdAt: at,
    updatedAt: at,
    approveBefore: at,
    parts: [
      { potId: revocablePot.potId, schemeId: 'opleiding', funderId: deVries.funderId, amountCents: 300 },
      { potId: publicPot.potId, schemeId: 'stap', funderId: ocw.funderId, amountCents: 200 },
    ],
  };
  const ended: Employment = { employerId: deVries.funderId, personId, startDate: '2025-01-01', endDate: '2026-05-01' };
  const ongoing: Employment = { employerId: deVries.funderId, personId, startDate: '2026-05-10' };

  it('names only the employers of revocable pots that money is released into', () => {
    expect(employersOfReleases(planRelease(claim, pots, at), pots)).toEqual([deVries.funderId]);
    // A capture of everything releases nothing.
    expect(employersOfReleases(planCapture(claim, 500, pots, at, 0), pots)).toEqual([]);
    // Another person's pot of the same id is not the pot released into, as for the return itself.
    const othersPot = { ...revocablePot, personId: 'person-2' };
    expect(employersOfReleases(planRelease(claim, pots, at), [othersPot, publicPot, ownPot])).toEqual([]);
  });

  it('returns what a cancel releases from an ended employment’s revocable pot to the employer, in one movement', () => {
    const movement = returnReleasedAfterEmploymentEnded(planRelease(claim, pots, at), [ended], pots, at, 3);

    assertBalanced(movement);
    assertTouchesEachItemOnce(movement);
    expect(balancesAfter(pots, movement)).toMatchObject({
      [`pot:person-1:${revocablePot.potId}`]: 0,
      'funder:kvk-12345678:opleiding': 0,
      [`pot:person-1:${publicPot.potId}`]: 1_200,
    });
    expect(
      movement.potChanges.map((change) => [change.pot.potId, change.availableDeltaCents, change.reservedDeltaCents]),
    ).toEqual([
      [revocablePot.potId, 0, -300],
      [publicPot.potId, 200, -200],
    ]);
    const revocation = movement.transfers.find((transfer) => transfer.type === 'revocation');
    expect(revocation).toMatchObject({
      transferId: 'rev_rel_clm_1_0',
      amountCents: 300,
      availableEffectCents: -300,
      debitAccount: `pot:person-1:${revocablePot.potId}`,
      creditAccount: 'funder:kvk-12345678:opleiding',
      claimId: 'clm_1',
      description: '€3.00 of opleiding label went back to Bouwbedrijf De Vries because your employment ended',
    });
    expect(movement.totalChanges).toEqual([
      {
        funderId: deVries.funderId,
        schemeId: 'opleiding',
        shard: 3,
        balanceDeltaCents: 300,
        depositedDeltaCents: 0,
        returnedDeltaCents: 300,
        expiredDeltaCents: 0,
      },
    ]);
    expect(movement.employmentsAsRead).toEqual([{ employerId: deVries.funderId, personId, ended: true }]);
  });

  it('returns only the uncaptured rest of a partial capture, and leaves the provider’s payable alone', () => {
    // 350 captured: 300 from the revocable pot, 50 from the public pot; 150 of the public pot released.
    const captured = planCapture(claim, 350, pots, at, 1);
    expect(returnReleasedAfterEmploymentEnded(captured, [ended], pots, at, 1).transfers).toEqual(captured.transfers);

    const partly = planCapture(claim, 100, pots, at, 1);
    const movement = returnReleasedAfterEmploymentEnded(partly, [ended], pots, at, 1);
    assertBalanced(movement);
    expect(movement.payableChanges).toEqual(partly.payableChanges);
    expect(movement.transfers.filter((transfer) => transfer.type === 'revocation').map((t) => t.amountCents)).toEqual([
      200,
    ]);
    expect(movement.potChanges[0]).toMatchObject({ availableDeltaCents: 0, reservedDeltaCents: -300 });
  });

  it('leaves the release as planned while the employment goes on (again, after a re-hire), on that condition', () => {
    const released = planRelease(claim, pots, at);
    const movement = returnReleasedAfterEmploymentEnded(released, [ongoing], pots, at, 0);
    expect(movement).toEqual({
      ...released,
      employmentsAsRead: [{ employerId: deVries.funderId, personId, ended: false }],
    });
  });

  it('leaves a release alone when no employment with the pot’s employer is known', () => {
    const released = planRelease(claim, pots, at);
    expect(returnReleasedAfterEmploymentEnded(released, [], pots, at, 0)).toBe(released);
  });
});
