import { describe, expect, it } from 'vitest';
import { planRevocation } from '../../../shared/ledger/return-to-funder.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  atSecond,
  commitRetryingConflicts,
  deposit,
  deVries,
  employment,
  idempotencyClaim,
  ocw,
  opleiding,
  planDepositOn,
  potOf,
  type StoreFactory,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** Concurrent commits: no money lost or made, no balance below zero. */
export function concurrencyContract(makeStore: StoreFactory): void {
  describe('under concurrency', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    // One client per store: 50 in flight is within the SDK's default socket pool.
    const commitsInFlight = 50;

    it(`lands all of ${commitsInFlight} concurrent deposits into one pot when each retries on conflict`, async () => {
      await store.createScheme(stap);
      const movements = await Promise.all(
        Array.from({ length: commitsInFlight }, (_, index) =>
          planDepositOn(store, {
            scheme: stap,
            personId: anna,
            amountCents: index + 1,
            transferId: `dep_${index}`,
            shardStart: index,
          }),
        ),
      );

      const results = await Promise.all(
        movements.map((movement, index) =>
          commitRetryingConflicts(store, movement, {
            idempotency: idempotencyClaim(`key-${index}`, `hash-${index}`, { index }),
          }),
        ),
      );

      expect(results.every((result) => result.kind === 'committed')).toBe(true);
      const expectedCents = (commitsInFlight * (commitsInFlight + 1)) / 2;
      expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(expectedCents);
      expect((await store.listTransfers(anna, { limit: 200 })).items).toHaveLength(commitsInFlight);
      const totals = await store.getSchemeTotals(ocw.funderId, 'stap');
      expect(totals.reduce((sum, shard) => sum + shard.depositedCents, 0)).toBe(expectedCents);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, transfers: commitsInFlight });
    });

    it(
      `lets exactly 10 of ${commitsInFlight} concurrent takes ` +
        `of 10 cents from a pot of 100 through, never below zero`,
      async () => {
        await store.createScheme(opleiding);
        await store.startEmployment(employment);
        await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' });
        const [held] = await store.listPots(anna);
        if (held === undefined) throw new Error('test setup: no pot');

        // Every taker saw the pot and plans to take 10 of it back to the funder. A revocation takes
        // exactly what it read; here each takes 10 of whatever is there, on `available >= 10`.
        const takes = Array.from({ length: commitsInFlight }, (_, index) => {
          const { movement } = planRevocation(
            [{ ...held, availableCents: 10 }],
            deVries.funderId,
            atSecond(10),
            () => `rev_${index}`,
            index,
          );
          return { ...movement, potChanges: movement.potChanges.map(({ takesAllAvailable: _, ...change }) => change) };
        });
        let racing = true;
        const observed: number[] = [];
        const observer = (async () => {
          while (racing) {
            for (const pot of await store.listPots(anna)) observed.push(pot.availableCents);
          }
        })();

        const results = await Promise.all(takes.map((movement) => commitRetryingConflicts(store, movement)));
        racing = false;
        await observer;

        const kinds = results.map((result) => result.kind);
        expect(kinds.filter((kind) => kind === 'committed')).toHaveLength(10);
        expect(kinds.filter((kind) => kind === 'insufficient_funds')).toHaveLength(commitsInFlight - 10);
        expect(potOf(await store.listPots(anna), held.potId).availableCents).toBe(0);
        expect(observed.every((availableCents) => availableCents >= 0)).toBe(true);
        const totals = await store.getSchemeTotals(deVries.funderId, opleiding.schemeId);
        expect(totals.reduce((sum, shard) => sum + shard.returnedCents, 0)).toBe(100);
        expect(await store.reconcile()).toMatchObject({
          balanced: true,
          sum: 0,
          transfers: 11,
          mismatchedAccounts: [],
        });
      },
    );
  });
}
