import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DepositRequest, planDeposit } from '../../../shared/ledger/deposit.ts';
import type { Employment } from '../../../shared/ledger/employment.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import type { FailureCode } from '../../../shared/ledger/outcome.ts';
import type { Funder, Scheme } from '../../../shared/ledger/scheme.ts';
import {
  initialBudgetShards,
  type SchemeTotalShard,
  takeFromBudgetShards,
} from '../../../shared/ledger/scheme-totals.ts';
import { assertBalanced, type Movement } from '../../../shared/ledger/transfer.ts';
import { budgetShards } from '../../contract/ledger-store/fixtures.ts';

const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
const bouwfonds: Funder = { funderId: 'bouwfonds', type: 'sector', name: 'Sectorfonds Bouw' };
const deVries: Funder = { funderId: 'kvk-12345678', type: 'employer', name: 'Bouwbedrijf De Vries' };

const today = '2026-05-20';
const yesterday = '2026-05-19';
const tomorrow = '2026-05-21';
const at = '2026-05-20T10:00:00.000Z';
const personId = 'person-1';

function scheme(funder: Funder, schemeId: string, overrides: Partial<Scheme> = {}): Scheme {
  return {
    funder,
    schemeId,
    label: `${schemeId} label`,
    expiry: { kind: 'never' },
    revocable: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const shards = budgetShards;

const stap = scheme(ocw, 'stap');
const bouwFixed = scheme(bouwfonds, 'bouw-2027', { expiry: { kind: 'fixed', date: '2027-01-01' } });
const bouwYearly = scheme(bouwfonds, 'bouw-jaarlijks', { expiry: { kind: 'afterMonths', months: 12 } });
const bouwMonthly = scheme(bouwfonds, 'bouw-maand', { expiry: { kind: 'afterMonths', months: 1 } });
const opleiding = scheme(deVries, 'opleiding', { revocable: true, expiry: { kind: 'afterMonths', months: 24 } });
const expiredToday = scheme(bouwfonds, 'bouw-oud', { expiry: { kind: 'fixed', date: today } });
const expiredYesterday = scheme(bouwfonds, 'bouw-ouder', { expiry: { kind: 'fixed', date: yesterday } });
const budgeted = scheme(ocw, 'pilot', { budgetCents: 1_000 });

const employed: Employment = { employerId: deVries.funderId, personId, startDate: '2025-01-01' };

function request(overrides: Partial<DepositRequest> & Pick<DepositRequest, 'scheme' | 'amountCents'>): DepositRequest {
  return { transferId: 'dep_1', personId, at, today, shards: [], shardStart: 3, ...overrides };
}

/**
 * The balances a movement leaves behind when every account starts at zero, by ledger account
 * (credits − debits), plus each budget shard's remaining budget when the scheme has one.
 */
function balancesAfter(
  movement: Movement,
  budgetBefore: readonly SchemeTotalShard[],
): { accounts: Record<string, number>; budgetRemaining: number[] } {
  const accounts: Record<string, number> = {};
  for (const change of movement.potChanges) {
    const account = `pot:${change.pot.personId}:${change.pot.potId}`;
    accounts[account] = (accounts[account] ?? 0) + change.availableDeltaCents + change.reservedDeltaCents;
  }
  for (const change of movement.totalChanges) {
    const account = `funder:${change.funderId}:${change.schemeId}`;
    accounts[account] = (accounts[account] ?? 0) + change.balanceDeltaCents;
  }
  const budgetRemaining = budgetBefore.map((shard) => shard.budgetRemainingCents ?? 0);
  for (const change of movement.totalChanges) {
    if (change.budgetRemainingDeltaCents === undefined) continue;
    budgetRemaining[change.shard] = (budgetRemaining[change.shard] ?? 0) + change.budgetRemainingDeltaCents;
  }
  return { accounts, budgetRemaining };
}

interface Scenario {
  readonly scenario: string;
  readonly request: DepositRequest;
  /** `ok` or the failure code. */
  readonly code: 'ok' | FailureCode;
  /** Only for `ok`: the pot the money lands in and when it expires. */
  readonly potId?: string;
  readonly expiresAt?: string;
  /** Ledger balances after the deposit, starting from zero; empty when the deposit is refused. */
  readonly accounts: Record<string, number>;
  /** Remaining budget per shard after the deposit (budgeted schemes only). */
  readonly budgetRemaining?: number[];
}

const scenarios: Scenario[] = [
  {
    scenario: 'a public deposit that never expires',
    request: request({ scheme: stap, amountCents: 125_000 }),
    code: 'ok',
    potId: 'ocw#stap#never',
    expiresAt: undefined,
    accounts: { 'pot:person-1:ocw#stap#never': 125_000, 'funder:ocw:stap': -125_000 },
  },
  {
    scenario: 'a deposit into a scheme with a fixed expiry date',
    request: request({ scheme: bouwFixed, amountCents: 50_000 }),
    code: 'ok',
    potId: 'bouwfonds#bouw-2027#2027-01-01',
    expiresAt: '2027-01-01',
    accounts: { 'pot:person-1:bouwfonds#bouw-2027#2027-01-01': 50_000, 'funder:bouwfonds:bouw-2027': -50_000 },
  },
  {
    scenario: 'a deposit that expires 12 months after today',
    request: request({ scheme: bouwYearly, amountCents: 1 }),
    code: 'ok',
    potId: 'bouwfonds#bouw-jaarlijks#2027-05-20',
    expiresAt: '2027-05-20',
    accounts: { 'pot:person-1:bouwfonds#bouw-jaarlijks#2027-05-20': 1, 'funder:bouwfonds:bouw-jaarlijks': -1 },
  },
  {
    scenario: 'a deposit on 31 January that expires after one month, on the last day of February',
    request: request({ scheme: bouwMonthly, amountCents: 700, today: '2026-01-31', at: '2026-01-31T09:00:00.000Z' }),
    code: 'ok',
    potId: 'bouwfonds#bouw-maand#2026-02-28',
    expiresAt: '2026-02-28',
    accounts: { 'pot:person-1:bouwfonds#bouw-maand#2026-02-28': 700, 'funder:bouwfonds:bouw-maand': -700 },
  },
  {
    scenario: 'an employer deposit for an employee',
    request: request({ scheme: opleiding, amountCents: 200_000, employment: employed }),
    code: 'ok',
    potId: 'kvk-12345678#opleiding#2028-05-20',
    expiresAt: '2028-05-20',
    accounts: { 'pot:person-1:kvk-12345678#opleiding#2028-05-20': 200_000, 'funder:kvk-12345678:opleiding': -200_000 },
  },
  {
    // Ending an employment returns the employer's revocable money at once, so no deposit may land
    // after the end is registered, not even on the last working day.
    scenario: 'an employer deposit after the end was registered, on the last working day',
    request: request({ scheme: opleiding, amountCents: 200_000, employment: { ...employed, endDate: today } }),
    code: 'not_employed',
    accounts: {},
  },
  {
    scenario: 'an employer deposit on the first day of employment',
    request: request({ scheme: opleiding, amountCents: 10, employment: { ...employed, startDate: today } }),
    code: 'ok',
    potId: 'kvk-12345678#opleiding#2028-05-20',
    expiresAt: '2028-05-20',
    accounts: { 'pot:person-1:kvk-12345678#opleiding#2028-05-20': 10, 'funder:kvk-12345678:opleiding': -10 },
  },
  {
    scenario: 'the largest single deposit',
    request: request({ scheme: stap, amountCents: limits.depositAmountCentsMax }),
    code: 'ok',
    potId: 'ocw#stap#never',
    accounts: {
      'pot:person-1:ocw#stap#never': limits.depositAmountCentsMax,
      'funder:ocw:stap': -limits.depositAmountCentsMax,
    },
  },
  {
    scenario: 'a budgeted deposit that one shard covers',
    request: request({
      scheme: budgeted,
      amountCents: 80,
      shards: shards([100, 100, 100, 100, 100, 100, 100, 100, 100, 100]),
      shardStart: 4,
    }),
    code: 'ok',
    potId: 'ocw#pilot#never',
    accounts: { 'pot:person-1:ocw#pilot#never': 80, 'funder:ocw:pilot': -80 },
    budgetRemaining: [100, 100, 100, 100, 20, 100, 100, 100, 100, 100],
  },
  {
    scenario: 'a budgeted deposit spread over shards 8, 9 and, wrapping around, 0',
    request: request({
      scheme: budgeted,
      amountCents: 250,
      shards: shards([100, 100, 100, 100, 100, 100, 100, 100, 100, 100]),
      shardStart: 8,
    }),
    code: 'ok',
    potId: 'ocw#pilot#never',
    accounts: { 'pot:person-1:ocw#pilot#never': 250, 'funder:ocw:pilot': -250 },
    budgetRemaining: [50, 100, 100, 100, 100, 100, 100, 100, 0, 0],
  },
  {
    scenario: 'a budgeted deposit that takes the last cent of every shard',
    request: request({
      scheme: budgeted,
      amountCents: 1_000,
      shards: shards(initialBudgetShards(1_000)),
      shardStart: 7,
    }),
    code: 'ok',
    potId: 'ocw#pilot#never',
    accounts: { 'pot:person-1:ocw#pilot#never': 1_000, 'funder:ocw:pilot': -1_000 },
    budgetRemaining: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  },
  {
    scenario: 'a budgeted deposit that skips empty shards',
    request: request({
      scheme: budgeted,
      amountCents: 30,
      shards: shards([0, 0, 0, 0, 0, 0, 0, 0, 0, 40]),
      shardStart: 2,
    }),
    code: 'ok',
    potId: 'ocw#pilot#never',
    accounts: { 'pot:person-1:ocw#pilot#never': 30, 'funder:ocw:pilot': -30 },
    budgetRemaining: [0, 0, 0, 0, 0, 0, 0, 0, 0, 10],
  },
  {
    scenario: 'a shard start beyond the shard count books on start modulo the count',
    request: request({ scheme: stap, amountCents: 5, shardStart: 27 }),
    code: 'ok',
    potId: 'ocw#stap#never',
    accounts: { 'pot:person-1:ocw#stap#never': 5, 'funder:ocw:stap': -5 },
  },
  // The refusals. None of them moves any money.
  {
    scenario: 'an employer deposit without a registered employment',
    request: request({ scheme: opleiding, amountCents: 200_000 }),
    code: 'not_employed',
    accounts: {},
  },
  {
    scenario: 'an employer deposit after the employment ended yesterday',
    request: request({ scheme: opleiding, amountCents: 200_000, employment: { ...employed, endDate: yesterday } }),
    code: 'not_employed',
    accounts: {},
  },
  {
    scenario: 'an employer deposit before the employment starts',
    request: request({ scheme: opleiding, amountCents: 200_000, employment: { ...employed, startDate: tomorrow } }),
    code: 'not_employed',
    accounts: {},
  },
  {
    scenario: 'a deposit into a scheme whose fixed date is today',
    request: request({ scheme: expiredToday, amountCents: 100 }),
    code: 'scheme_expired',
    accounts: {},
  },
  {
    scenario: 'a deposit into a scheme whose fixed date has passed',
    request: request({ scheme: expiredYesterday, amountCents: 100 }),
    code: 'scheme_expired',
    accounts: {},
  },
  {
    scenario: 'a deposit one cent above the maximum',
    request: request({ scheme: stap, amountCents: limits.depositAmountCentsMax + 1 }),
    code: 'amount_exceeds_max',
    accounts: {},
  },
  {
    scenario: 'a budgeted deposit one cent above what all shards have left',
    request: request({
      scheme: budgeted,
      amountCents: 1_001,
      shards: shards(initialBudgetShards(1_000)),
      shardStart: 0,
    }),
    code: 'budget_exceeded',
    accounts: {},
  },
  {
    scenario: 'a budgeted deposit when the shards could not be read (none known)',
    request: request({ scheme: budgeted, amountCents: 1, shards: [] }),
    code: 'budget_exceeded',
    accounts: {},
  },
  // When several rules are broken, the first check answers, in this order.
  {
    scenario: 'too large and not employed: the maximum is checked first',
    request: request({ scheme: opleiding, amountCents: limits.depositAmountCentsMax + 1 }),
    code: 'amount_exceeds_max',
    accounts: {},
  },
  {
    scenario: 'not employed and the scheme expired: employment is checked before expiry',
    request: request({
      scheme: scheme(deVries, 'oud', { expiry: { kind: 'fixed', date: yesterday } }),
      amountCents: 1,
    }),
    code: 'not_employed',
    accounts: {},
  },
  {
    scenario: 'expired and over budget: expiry is checked before the budget',
    request: request({
      scheme: { ...expiredYesterday, budgetCents: 0 },
      amountCents: 1,
      shards: shards(initialBudgetShards(0)),
    }),
    code: 'scheme_expired',
    accounts: {},
  },
];

describe('planDeposit', () => {
  it.each(scenarios)(
    '$scenario → $code',
    ({ request: depositRequest, code, potId, expiresAt, accounts, budgetRemaining }) => {
      const outcome = planDeposit(depositRequest);

      if (code !== 'ok') {
        expect(outcome).toMatchObject({ ok: false, code });
        expect(accounts).toEqual({});
        return;
      }
      if (!outcome.ok) throw new Error(`expected a plan, got ${outcome.code}: ${outcome.detail}`);
      const { movement, transfer } = outcome.value;
      assertBalanced(movement);
      expect(movement.transfers).toEqual([transfer]);
      expect(transfer.potId).toBe(potId);
      expect(movement.potChanges).toHaveLength(1);
      expect(movement.potChanges[0]?.pot.potId).toBe(potId);
      expect(movement.potChanges[0]?.pot.expiresAt).toBe(expiresAt);
      const after = balancesAfter(movement, depositRequest.shards);
      expect(after.accounts).toEqual(accounts);
      if (budgetRemaining !== undefined) expect(after.budgetRemaining).toEqual(budgetRemaining);
    },
  );

  it('describes a public deposit completely: transfer, pot change and one total change', () => {
    const outcome = planDeposit(
      request({ scheme: stap, amountCents: 125_000, reference: 'batch-2026-05', shardStart: 13 }),
    );
    if (!outcome.ok) throw new Error(outcome.detail);
    const { movement, transfer } = outcome.value;

    expect(transfer).toEqual({
      transferId: 'dep_1',
      type: 'deposit',
      at,
      amountCents: 125_000,
      debitAccount: 'funder:ocw:stap',
      creditAccount: 'pot:person-1:ocw#stap#never',
      personId,
      potId: 'ocw#stap#never',
      schemeId: 'stap',
      funderId: 'ocw',
      availableEffectCents: 125_000,
      description: 'Ministerie van OCW deposited €1,250.00 for stap label',
      reference: 'batch-2026-05',
    });
    expect(movement.potChanges).toEqual([
      {
        pot: {
          personId,
          potId: 'ocw#stap#never',
          schemeId: 'stap',
          label: 'stap label',
          funder: ocw,
          revocable: false,
        },
        availableDeltaCents: 125_000,
        reservedDeltaCents: 0,
      },
    ]);
    expect(movement.totalChanges).toEqual([
      {
        funderId: 'ocw',
        schemeId: 'stap',
        shard: 3,
        balanceDeltaCents: -125_000,
        depositedDeltaCents: 125_000,
        returnedDeltaCents: 0,
        expiredDeltaCents: 0,
      },
    ]);
    // Only an employer's deposit depends on an employment that the store must re-check.
    expect(movement.requireEmployment).toBeUndefined();
  });

  it('makes the store re-check the employment for an employer deposit', () => {
    const outcome = planDeposit(request({ scheme: opleiding, amountCents: 100, employment: employed }));
    if (!outcome.ok) throw new Error(outcome.detail);

    expect(outcome.value.movement.requireEmployment).toEqual({ employerId: deVries.funderId, personId });
    expect(outcome.value.movement.potChanges[0]?.pot.revocable).toBe(true);
  });

  it('books a budgeted deposit on the budget shards it takes from, each part lowering that shard', () => {
    const outcome = planDeposit(
      request({ scheme: budgeted, amountCents: 250, shards: shards(Array(10).fill(100)), shardStart: 8 }),
    );
    if (!outcome.ok) throw new Error(outcome.detail);

    expect(
      outcome.value.movement.totalChanges.map((change) => [
        change.shard,
        change.balanceDeltaCents,
        change.budgetRemainingDeltaCents,
      ]),
    ).toEqual([
      [8, -100, -100],
      [9, -100, -100],
      [0, -50, -50],
    ]);
  });

  it("ignores employment for a scheme that is not an employer's", () => {
    const outcome = planDeposit(
      request({ scheme: stap, amountCents: 100, employment: { ...employed, endDate: yesterday } }),
    );
    expect(outcome.ok).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'crashes on the amount %d, which the edge should have refused',
    (amountCents) => {
      expect(() => planDeposit(request({ scheme: stap, amountCents }))).toThrow(/positive whole cents/);
    },
  );

  it('always plans a balanced movement (property)', () => {
    const schemes = [stap, bouwFixed, bouwYearly, opleiding, budgeted];
    fc.assert(
      fc.property(
        fc.constantFrom(...schemes),
        fc.integer({ min: 1, max: limits.depositAmountCentsMax }),
        fc.array(fc.nat({ max: 2_000 }), { minLength: 10, maxLength: 10 }),
        fc.nat({ max: 1_000 }),
        (depositScheme, amountCents, remaining, shardStart) => {
          const outcome = planDeposit(
            request({
              scheme: depositScheme,
              amountCents,
              employment: employed,
              shards: shards(remaining),
              shardStart,
            }),
          );
          if (!outcome.ok) {
            expect(outcome.code).toBe('budget_exceeded');
            return;
          }
          assertBalanced(outcome.value.movement);
          const after = balancesAfter(outcome.value.movement, shards(remaining));
          expect(Object.values(after.accounts).reduce((sum, balance) => sum + balance, 0)).toBe(0);
          expect(after.budgetRemaining.every((left) => left >= 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('initialBudgetShards', () => {
  it.each([
    { budgetCents: 0, expected: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    { budgetCents: 7, expected: [1, 1, 1, 1, 1, 1, 1, 0, 0, 0] },
    { budgetCents: 10, expected: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
    {
      budgetCents: 1_000_003,
      expected: [100_001, 100_001, 100_001, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000],
    },
  ])('splits $budgetCents cents into $expected', ({ budgetCents, expected }) => {
    expect(initialBudgetShards(budgetCents)).toEqual(expected);
  });

  it('splits over the given number of shards', () => {
    expect(initialBudgetShards(5, 3)).toEqual([2, 2, 1]);
  });

  it('adds up to the budget exactly, with shards at most one cent apart (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: limits.schemeBudgetCentsMax }),
        fc.integer({ min: 1, max: 50 }),
        (budgetCents, shardCount) => {
          const parts = initialBudgetShards(budgetCents, shardCount);
          expect(parts).toHaveLength(shardCount);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(budgetCents);
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
          expect(parts.every((part) => Number.isSafeInteger(part) && part >= 0)).toBe(true);
        },
      ),
    );
  });
});

describe('takeFromBudgetShards', () => {
  it('takes from the start shard first', () => {
    expect(takeFromBudgetShards(shards([10, 10, 10]), 5, 1)).toEqual([{ shard: 1, amountCents: 5 }]);
  });

  it('wraps around from the last shard to the first', () => {
    expect(takeFromBudgetShards(shards([10, 0, 5]), 12, 2)).toEqual([
      { shard: 2, amountCents: 5 },
      { shard: 0, amountCents: 7 },
    ]);
  });

  it('takes everything when the shards together hold exactly the amount', () => {
    expect(takeFromBudgetShards(shards([1, 2, 3]), 6, 1)).toEqual([
      { shard: 1, amountCents: 2 },
      { shard: 2, amountCents: 3 },
      { shard: 0, amountCents: 1 },
    ]);
  });

  it('passes over an empty shard without a part for it: a part of 0 would write a shard for nothing', () => {
    expect(takeFromBudgetShards(shards([0, 10, 0, 4]), 12, 0)).toEqual([
      { shard: 1, amountCents: 10 },
      { shard: 3, amountCents: 2 },
    ]);
  });

  it('is undefined when all shards together cannot cover the amount', () => {
    expect(takeFromBudgetShards(shards([1, 2, 3]), 7, 0)).toBeUndefined();
  });

  it('treats a shard without a budget as empty', () => {
    const noBudget: SchemeTotalShard = {
      shard: 0,
      balanceCents: 0,
      depositedCents: 0,
      returnedCents: 0,
      expiredCents: 0,
    };
    expect(takeFromBudgetShards([noBudget], 1, 0)).toBeUndefined();
  });

  it('never takes more than a shard has, and the parts add up to the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.nat(),
        (remaining, amountCents, seed) => {
          const start = seed % remaining.length;
          const parts = takeFromBudgetShards(shards(remaining), amountCents, start);
          const total = remaining.reduce((sum, left) => sum + left, 0);
          if (amountCents > total) {
            expect(parts).toBeUndefined();
            return;
          }
          if (parts === undefined) throw new Error('expected parts when the budget covers the amount');
          expect(parts.reduce((sum, part) => sum + part.amountCents, 0)).toBe(amountCents);
          expect(new Set(parts.map((part) => part.shard)).size).toBe(parts.length);
          for (const part of parts) {
            expect(part.amountCents).toBeGreaterThan(0);
            expect(part.amountCents).toBeLessThanOrEqual(remaining[part.shard] ?? 0);
          }
          const firstWithBudget = [...remaining.keys()]
            .map((step) => (start + step) % remaining.length)
            .find((shard) => (remaining[shard] ?? 0) > 0);
          expect(parts[0]?.shard).toBe(firstWithBudget);
        },
      ),
    );
  });
});
