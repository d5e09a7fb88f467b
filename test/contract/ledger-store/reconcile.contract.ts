import { describe, expect, it } from 'vitest';
import { planExpiry, planRevocation } from '../../../shared/ledger/return-to-funder.ts';
import type { Scheme } from '../../../shared/ledger/scheme.ts';
import { initialBudgetShards } from '../../../shared/ledger/scheme-totals.ts';
import type { Transfer } from '../../../shared/ledger/transfer.ts';
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
  type StoreCorruption,
  type StoreFactory,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** Reconciliation: every balance against the ledger. */
export function reconcileContract(makeStore: StoreFactory): void {
  describe('reconcile', () => {
    let store: LedgerStore;
    let corrupt: StoreCorruption;
    useFreshStore(makeStore, (fresh, corruption) => {
      store = fresh;
      corrupt = corruption;
    });

    const annaStap = 'pot:person-anna:ocw#stap#never';
    const ocwStap = 'funder:ocw:stap';

    /** Anna's and Bram's STAP deposits of 100 and 500 cents: balanced, 3 accounts, 2 transfers. */
    async function twoDeposits(): Promise<void> {
      await store.createScheme(stap);
      expect(await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' })).toEqual({
        kind: 'committed',
      });
      expect(
        await deposit(store, {
          scheme: stap,
          personId: bram,
          amountCents: 500,
          transferId: 'dep_2',
          at: atSecond(1),
          shardStart: 1,
        }),
      ).toEqual({ kind: 'committed' });
      expect(await store.reconcile()).toEqual({
        balanced: true,
        accounts: 3,
        transfers: 2,
        sum: 0,
        mismatchedAccounts: [],
      });
    }

    /** A deposit of 40 cents into Anna's STAP pot that no `commit` wrote. */
    const forged: Transfer = {
      transferId: 'dep_forged',
      type: 'deposit',
      at: atSecond(2),
      amountCents: 40,
      debitAccount: ocwStap,
      creditAccount: annaStap,
      personId: anna,
      potId: 'ocw#stap#never',
      schemeId: 'stap',
      funderId: ocw.funderId,
      availableEffectCents: 40,
      description: 'Forged deposit',
    };

    it('finds a pot whose balance changed behind the ledger unbalanced, and names that pot', async () => {
      await twoDeposits();

      await corrupt.pot(anna, 'ocw#stap#never', 150);

      expect(await store.reconcile()).toEqual({
        balanced: false,
        accounts: 3,
        transfers: 2,
        sum: 50,
        mismatchedAccounts: [annaStap],
      });
    });

    it('finds a transfer whose funder side is missing unbalanced, and names the funder account', async () => {
      await twoDeposits();

      // The pot got the 40 cents and the transfer is on record, but the funder total never paid them.
      await corrupt.oneSidedTransfer(forged);

      expect(await store.reconcile()).toEqual({
        balanced: false,
        accounts: 3,
        transfers: 3,
        sum: 40,
        mismatchedAccounts: [ocwStap],
      });
    });

    it(
      'finds a transfer on record that moved neither balance unbalanced, ' + 'though the balances sum to zero',
      async () => {
        await twoDeposits();

        await corrupt.transferRecordOnly(forged);

        expect(await store.reconcile()).toEqual({
          balanced: false,
          accounts: 3,
          transfers: 3,
          sum: 0,
          mismatchedAccounts: [ocwStap, annaStap],
        });
      },
    );

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
