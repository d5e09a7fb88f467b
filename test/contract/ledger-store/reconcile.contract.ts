import { describe, expect, it } from 'vitest';
import { planExpiry, planRevocation } from '../../../shared/ledger/return-to-funder.ts';
import type { Scheme } from '../../../shared/ledger/scheme.ts';
import { initialBudgetShards } from '../../../shared/ledger/scheme-totals.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  atSecond,
  bouw,
  bouwfonds,
  bram,
  deposit,
  deVries,
  employment,
  ocw,
  opleiding,
  pilot,
  potOf,
  type StoreFactory,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** Reconciliation: every balance against the ledger. */
export function reconcileContract(makeStore: StoreFactory): void {
  describe('reconcile', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('finds an empty ledger balanced', async () => {
      expect(await store.reconcile()).toEqual({
        balanced: true,
        accounts: 0,
        transfers: 0,
        sum: 0,
        mismatchedAccounts: [],
      });
    });

    it('finds the ledger balanced after deposits, an expiry and a revocation', async () => {
      for (const each of [stap, bouw, opleiding]) await store.createScheme(each);
      await store.createScheme(pilot, initialBudgetShards(1_000));
      await store.startEmployment(employment);
      await store.startEmployment({ ...employment, personId: bram });
      const deposits: Array<[string, Scheme, number]> = [
        [anna, stap, 100],
        [anna, bouw, 200],
        [anna, opleiding, 300],
        [anna, pilot, 40],
        [bram, stap, 500],
        [bram, bouw, 600],
        [bram, opleiding, 700],
        [bram, pilot, 80],
      ];
      for (const [second, [personId, each, amountCents]] of deposits.entries()) {
        const result = await deposit(store, {
          scheme: each,
          personId,
          amountCents,
          transferId: `dep_${second}`,
          at: atSecond(second),
          shardStart: second,
        });
        expect(result).toEqual({ kind: 'committed' });
      }

      // The sector money expires on 1 January 2027 for both people.
      for (const personId of [anna, bram]) {
        const movement = planExpiry(
          potOf(await store.listPots(personId), 'bouwfonds#bouw-2027#2027-01-01'),
          '2027-01-01T01:00:00.000Z',
          '2027-01-01',
          5,
        );
        if (movement === undefined) throw new Error('test setup: nothing expired');
        expect(await store.commit(movement)).toEqual({ kind: 'committed' });
      }
      // Anna leaves De Vries; her revocable money returns.
      const { movement, returnedCents } = planRevocation(
        await store.listPots(anna),
        deVries.funderId,
        '2027-01-02T09:00:00.000Z',
        (pot) => `rev_${pot.potId}`,
        8,
      );
      expect(
        await store.commit(movement, {
          endEmployment: { employerId: deVries.funderId, personId: anna, endDate: '2027-01-02' },
        }),
      ).toEqual({ kind: 'committed' });
      expect(returnedCents).toBe(300);

      // 2 people × 4 pots, and 4 funder accounts.
      expect(await store.reconcile()).toEqual({
        balanced: true,
        accounts: 12,
        transfers: 8 + 2 + 1,
        sum: 0,
        mismatchedAccounts: [],
      });
      const bouwTotals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
      expect(bouwTotals.reduce((sum, shard) => sum + shard.expiredCents, 0)).toBe(200 + 600);
      expect(bouwTotals.reduce((sum, shard) => sum + shard.depositedCents, 0)).toBe(200 + 600);
      const pilotTotals = await store.getSchemeTotals(ocw.funderId, pilot.schemeId);
      expect(pilotTotals.reduce((sum, shard) => sum + (shard.budgetRemainingCents ?? 0), 0)).toBe(1_000 - 40 - 80);
      const opleidingTotals = await store.getSchemeTotals(deVries.funderId, opleiding.schemeId);
      // Bram still works there: only Anna's 300 came back.
      expect(opleidingTotals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(-700);
    });
  });
}
