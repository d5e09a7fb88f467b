import { describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import { anna, atSecond, bram, type StoreFactory, useFreshStore } from './fixtures.ts';

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
  });
}
