import { describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import { anna, atSecond, bouw, bram, deposit, employment, type StoreFactory, stap, useFreshStore } from './fixtures.ts';

/** A citizen's profile: the first visit only. */
export function profileContract(makeStore: StoreFactory): void {
  describe('person profile', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('keeps the first visit only', async () => {
      expect(await store.getPersonProfile(anna)).toBeUndefined();

      await store.recordFirstSeen(anna, atSecond(0));
      await store.recordFirstSeen(anna, atSecond(5));

      expect(await store.getPersonProfile(anna)).toEqual({ firstSeenAt: atSecond(0) });
      expect(await store.getPersonProfile(bram)).toBeUndefined();
    });

    it('reads the pots and the first visit together, and only the person’s own', async () => {
      await store.createScheme(stap);
      await store.createScheme(bouw);
      await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' });
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 200, transferId: 'dep_2' });
      await deposit(store, { scheme: stap, personId: bram, amountCents: 300, transferId: 'dep_3' });
      await store.startEmployment(employment);
      expect(await store.readAccount(anna)).toEqual({ pots: await store.listPots(anna) });

      await store.recordFirstSeen(anna, atSecond(7));

      const account = await store.readAccount(anna);
      expect(account).toEqual({ pots: await store.listPots(anna), firstSeenAt: atSecond(7) });
      expect(account.pots.map((pot) => pot.availableCents)).toEqual([200, 100]);
      expect(await store.readAccount(bram)).toEqual({ pots: await store.listPots(bram) });
      expect(await store.readAccount('person-nobody')).toEqual({ pots: [] });
    });
  });
}
