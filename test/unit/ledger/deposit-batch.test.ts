import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchAccount, potAccount } from '../../../shared/ledger/accounts.ts';
import {
  type BatchRow,
  batchRowTransferId,
  groupBatchRows,
  planBatchPreparation,
  planBatchRow,
  planBatchSettlement,
  type SchemeReservation,
} from '../../../shared/ledger/deposit-batch.ts';
import type { Employment } from '../../../shared/ledger/employment.ts';
import { initialBudgetShards } from '../../../shared/ledger/scheme-totals.ts';
import { budgetShards, deVries, ocw, scheme, today } from '../../contract/ledger-store/fixtures.ts';

const shards = budgetShards;

function row(position: number, personId: string, schemeId: string, amountCents: number): BatchRow {
  return { row: position, personId, schemeId, amountCents };
}

describe('planBatchPreparation', () => {
  it('refuses unknown and expired schemes, and reserves what the rest need in one change per shard', () => {
    const open = scheme(ocw, 'open');
    const expired = scheme(ocw, 'old', { expiry: { kind: 'fixed', date: today } });
    const plan = planBatchPreparation({
      funder: ocw,
      rows: [row(1, 'p1', 'open', 100), row(2, 'p2', 'nope', 50), row(3, 'p3', 'old', 70), row(4, 'p1', 'open', 30)],
      schemes: new Map([
        ['open', open],
        ['old', expired],
      ]),
      employments: new Map(),
      shards: new Map(),
      today,
      shardStart: 13,
    });
    expect(plan.refused.map(({ row: position, code }) => [position, code])).toEqual([
      [2, 'unknown_scheme'],
      [3, 'scheme_expired'],
    ]);
    expect(plan.reservations).toEqual([
      { schemeId: 'open', reservedCents: 130, parts: [{ shard: 3, amountCents: 130 }], budgeted: false },
    ]);
    expect(plan.totalChanges).toEqual([
      {
        funderId: 'ocw',
        schemeId: 'open',
        shard: 3,
        balanceDeltaCents: -130,
        depositedDeltaCents: 0,
        returnedDeltaCents: 0,
        expiredDeltaCents: 0,
      },
    ]);
  });

  it('judges the budget row by row as single deposits would: a later, smaller row may still fit', () => {
    const budgeted = scheme(ocw, 'b', { budgetCents: 250 });
    const plan = planBatchPreparation({
      funder: ocw,
      rows: [row(1, 'p1', 'b', 100), row(2, 'p2', 'b', 100), row(3, 'p3', 'b', 100), row(4, 'p4', 'b', 50)],
      schemes: new Map([['b', budgeted]]),
      employments: new Map(),
      shards: new Map([['b', shards(initialBudgetShards(250, 10))]]),
      today,
      shardStart: 0,
    });
    expect(plan.refused.map(({ row: position, code }) => [position, code])).toEqual([[3, 'budget_exceeded']]);
    expect(plan.reservations[0]?.reservedCents).toBe(250);
    expect(plan.totalChanges.reduce((sum, change) => sum + (change.budgetRemainingDeltaCents ?? 0), 0)).toBe(-250);
    expect(plan.totalChanges.every((change) => change.balanceDeltaCents === change.budgetRemainingDeltaCents)).toBe(
      true,
    );
  });

  it('refuses an employer’s rows for persons not employed today, ended or not yet started', () => {
    const own = scheme(deVries, 'own', { revocable: true });
    const employments = new Map<string, Employment>([
      ['p1', { employerId: deVries.funderId, personId: 'p1', startDate: '2020-01-01' }],
      ['p2', { employerId: deVries.funderId, personId: 'p2', startDate: '2020-01-01', endDate: '2026-06-01' }],
      ['p3', { employerId: deVries.funderId, personId: 'p3', startDate: '2026-06-01' }],
    ]);
    const plan = planBatchPreparation({
      funder: deVries,
      rows: [row(1, 'p1', 'own', 10), row(2, 'p2', 'own', 10), row(3, 'p3', 'own', 10), row(4, 'p4', 'own', 10)],
      schemes: new Map([['own', own]]),
      employments,
      shards: new Map(),
      today,
      shardStart: 0,
    });
    expect(plan.refused.map(({ row: position }) => position)).toEqual([2, 3, 4]);
    expect(plan.refused.every((error) => error.code === 'not_employed')).toBe(true);
    expect(plan.reservations[0]?.reservedCents).toBe(10);
  });
});

describe('planBatchRow', () => {
  it('moves the row from the batch’s account into the person’s pot, touching no scheme total', () => {
    const own = scheme(deVries, 'own', { expiry: { kind: 'afterMonths', months: 12 }, revocable: true });
    const { movement, transfer } = planBatchRow({
      batchId: 'bat_abc',
      scheme: own,
      row: { ...row(7, 'p1', 'own', 2_500), reference: 'ronde 1' },
      today,
      at: '2026-05-20T10:00:00.000Z',
    });
    expect(transfer).toMatchObject({
      transferId: batchRowTransferId('bat_abc', 7),
      type: 'deposit',
      amountCents: 2_500,
      debitAccount: batchAccount('bat_abc', 'own'),
      creditAccount: potAccount('p1', 'kvk-12345678#own#2027-05-20'),
      reference: 'ronde 1',
    });
    expect(movement.totalChanges).toEqual([]);
    expect(movement.potChanges).toHaveLength(1);
    expect(movement.requireEmployment).toEqual({ employerId: deVries.funderId, personId: 'p1' });
  });

  it('derives the transfer id from the batch and the row only', () => {
    expect(batchRowTransferId('bat_abc', 7)).toBe(batchRowTransferId('bat_abc', 7));
    expect(batchRowTransferId('bat_abc', 7)).not.toBe(batchRowTransferId('bat_abc', 8));
    expect(batchRowTransferId('bat_abc', 7)).not.toBe(batchRowTransferId('bat_abd', 7));
  });
});

describe('groupBatchRows', () => {
  it('never puts one person twice in a group and never exceeds the items of a transaction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 4 }),
        (persons, itemsPerRow) => {
          const rows = persons.map((person, index) => row(index + 1, `p${person}`, 's', 1));
          const groups = groupBatchRows(rows, itemsPerRow);
          expect(
            groups
              .flat()
              .map((grouped) => grouped.row)
              .sort((a, b) => a - b),
          ).toEqual(rows.map((r) => r.row));
          for (const group of groups) {
            expect(group.length * itemsPerRow).toBeLessThanOrEqual(100);
            expect(new Set(group.map((grouped) => grouped.personId)).size).toBe(group.length);
          }
        },
      ),
    );
  });

  it('fills groups to the limit: 120 rows of different persons at 2 items each are 3 groups', () => {
    const rows = Array.from({ length: 120 }, (_, index) => row(index + 1, `p${index}`, 's', 1));
    expect(groupBatchRows(rows, 2).map((group) => group.length)).toEqual([50, 50, 20]);
  });
});

describe('planBatchSettlement', () => {
  const reservation: SchemeReservation = {
    schemeId: 'b',
    reservedCents: 300,
    parts: [
      { shard: 4, amountCents: 200 },
      { shard: 5, amountCents: 100 },
    ],
    budgeted: true,
  };

  it('gives back what rows did not use, to the shards it came from, and counts what was deposited', () => {
    const { returned, totalChanges } = planBatchSettlement('ocw', [reservation], new Map([['b', 50]]));
    expect(returned).toEqual([{ schemeId: 'b', amountCents: 250 }]);
    expect(totalChanges).toEqual([
      expect.objectContaining({
        shard: 4,
        balanceDeltaCents: 200,
        depositedDeltaCents: 50,
        budgetRemainingDeltaCents: 200,
      }),
      expect.objectContaining({
        shard: 5,
        balanceDeltaCents: 50,
        depositedDeltaCents: 0,
        budgetRemainingDeltaCents: 50,
      }),
    ]);
  });

  it('returns nothing when every reserved cent was paid, and still counts the deposits', () => {
    const { returned, totalChanges } = planBatchSettlement('ocw', [reservation], new Map([['b', 300]]));
    expect(returned).toEqual([]);
    expect(totalChanges).toEqual([
      expect.objectContaining({ shard: 4, balanceDeltaCents: 0, depositedDeltaCents: 300 }),
    ]);
  });

  it('crashes when rows paid more than was reserved', () => {
    expect(() => planBatchSettlement('ocw', [reservation], new Map([['b', 301]]))).toThrow(/paid 301 of 300/);
  });
});
