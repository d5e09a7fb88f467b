import { describe, expect, it } from 'vitest';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planExpiry, planRevocation } from '../../../shared/ledger/return-to-funder.ts';
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
  idempotencyClaim,
  ocw,
  opleiding,
  pilot,
  planDepositOn,
  potOf,
  type StoreFactory,
  snapshot,
  stap,
  today,
  useFreshStore,
} from './fixtures.ts';

/** Money movements: what `commit` writes, and each refusal for want of money, which writes nothing. */
export function commitContract(makeStore: StoreFactory): void {
  describe('commit', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('writes a deposit: the pot, the scheme totals and the transfer', async () => {
      await store.createScheme(stap);
      const movement = await planDepositOn(store, {
        scheme: stap,
        personId: anna,
        amountCents: 125_000,
        transferId: 'dep_1',
        shardStart: 6,
      });

      expect(await store.commit(movement)).toEqual({ kind: 'committed' });

      expect(await store.listPots(anna)).toEqual([
        {
          personId: anna,
          potId: 'ocw#stap#never',
          schemeId: 'stap',
          label: 'stap label',
          funder: ocw,
          revocable: false,
          // The scheme's rules travel with the pot, so approving a claim needs only the pots.
          categories: ['vakopleiding', 'taal'],
          maxPerCourseCents: 100_000,
          availableCents: 125_000,
          reservedCents: 0,
        },
      ]);
      expect(await store.getSchemeTotals(ocw.funderId, 'stap')).toEqual([
        { shard: 6, balanceCents: -125_000, depositedCents: 125_000, returnedCents: 0, expiredCents: 0 },
      ]);
      expect((await store.listTransfers(anna, { limit: 10 })).items).toEqual(movement.transfers);
      expect(await store.listPots(bram)).toEqual([]);
    });

    it('adds a second deposit with the same expiry to the same pot', async () => {
      await store.createScheme(bouw);
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 300, transferId: 'dep_1' });
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 450, transferId: 'dep_2', shardStart: 1 });

      const pots = await store.listPots(anna);
      expect(pots).toHaveLength(1);
      expect(potOf(pots, 'bouwfonds#bouw-2027#2027-01-01')).toMatchObject({
        expiresAt: '2027-01-01',
        availableCents: 750,
        reservedCents: 0,
      });
      const totals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
      expect(totals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(-750);
    });

    it('refuses to take more than a pot has available with `insufficient_funds`, and writes nothing', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);
      await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' });
      const [held] = await store.listPots(anna);
      if (held === undefined) throw new Error('test setup: no pot');
      const before = await snapshot(store, [anna], [opleiding]);

      // Planned on a stale read that saw 150 in the pot.
      const { movement } = planRevocation(
        [{ ...held, availableCents: 150 }],
        deVries.funderId,
        atSecond(5),
        () => 'rev_1',
        2,
      );
      const result = await store.commit(movement, {
        idempotency: idempotencyClaim('key-rev', 'hash-rev', {}, 'employer:kvk-12345678'),
      });

      expect(result).toEqual({ kind: 'insufficient_funds' });
      expect(await snapshot(store, [anna], [opleiding])).toEqual(before);
      expect(before.reconciliation).toMatchObject({ balanced: true, sum: 0 });
      // A refused commit does not keep its idempotency key either: the request may be judged anew.
      expect(await store.getIdempotencyRecord('employer:kvk-12345678', 'key-rev')).toBeUndefined();
    });

    it('refuses to take money from a pot that does not exist with `insufficient_funds`', async () => {
      const ghost: Pot = {
        personId: bram,
        potId: 'ocw#stap#never',
        schemeId: 'stap',
        label: 'stap label',
        funder: ocw,
        revocable: false,
        availableCents: 10,
        reservedCents: 0,
      };
      const movement = planExpiry({ ...ghost, expiresAt: '2026-01-01' }, atSecond(1), today, 0);
      if (movement === undefined) throw new Error('test setup: nothing to expire');

      expect(await store.commit(movement)).toEqual({ kind: 'insufficient_funds' });
      expect(await store.listPots(bram)).toEqual([]);
      expect(await store.reconcile()).toMatchObject({ balanced: true, accounts: 0, transfers: 0 });
    });

    it(
      "refuses a deposit beyond a budget shard's remaining " + 'budget with `budget_exceeded`, and writes nothing',
      async () => {
        await store.createScheme(pilot, initialBudgetShards(1_000));
        const stale = await store.getSchemeTotals(ocw.funderId, 'pilot');
        expect(
          await deposit(store, {
            scheme: pilot,
            personId: anna,
            amountCents: 80,
            transferId: 'dep_1',
            shardStart: 4,
            shards: stale,
          }),
        ).toEqual({ kind: 'committed' });
        const before = await snapshot(store, [anna, bram], [pilot]);

        // Planned on the same read as the first deposit: shard 4 seemed to have 100 left, but has 20.
        const result = await deposit(
          store,
          { scheme: pilot, personId: bram, amountCents: 80, transferId: 'dep_2', shardStart: 4, shards: stale },
          { idempotency: idempotencyClaim('key-2', 'hash-2', {}) },
        );

        expect(result).toEqual({ kind: 'budget_exceeded' });
        expect(await snapshot(store, [anna, bram], [pilot])).toEqual(before);
        expect((await store.getSchemeTotals(ocw.funderId, 'pilot'))[4]?.budgetRemainingCents).toBe(20);
        expect(await store.getIdempotencyRecord('funder:ocw', 'key-2')).toBeUndefined();
      },
    );

    it('refuses the same transfer (same id, same time) a second time, as a conflict', async () => {
      await store.createScheme(stap);
      const movement = await planDepositOn(store, {
        scheme: stap,
        personId: anna,
        amountCents: 100,
        transferId: 'dep_1',
      });
      await store.commit(movement);

      expect(await store.commit(movement)).toEqual({ kind: 'conflict' });
      expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(100);
    });
  });
}
