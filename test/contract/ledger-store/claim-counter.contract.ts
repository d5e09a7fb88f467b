import { describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  claimFor,
  commitRetryingConflicts,
  empty,
  noordProvider,
  type StoreFactory,
  useFreshStore,
} from './fixtures.ts';

/** The claim counter: a provider's claims per course and year, never past the cap. */
export function claimCounterContract(makeStore: StoreFactory): void {
  describe('claim counter', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    const counter = { providerId: noordProvider.providerId, courseId: 'lassen-1', year: '2026', max: 3 };

    it('counts claims up to the cap, then refuses with `claim_limit_reached` and writes nothing', async () => {
      for (let index = 1; index <= 3; index += 1) {
        expect(
          await store.commit(empty, { claim: { claim: claimFor(`clm_${index}`, anna, 100) }, claimCounter: counter }),
        ).toEqual({ kind: 'committed' });
      }
      expect(await store.getClaimCount(counter.providerId, counter.courseId, '2026')).toBe(3);

      expect(
        await store.commit(empty, { claim: { claim: claimFor('clm_4', anna, 100) }, claimCounter: counter }),
      ).toEqual({ kind: 'claim_limit_reached' });

      expect(await store.getClaim('clm_4')).toBeUndefined();
      expect(await store.getClaimCount(counter.providerId, counter.courseId, '2026')).toBe(3);
      // Another year and another course have counts of their own.
      expect(await store.getClaimCount(counter.providerId, counter.courseId, '2027')).toBe(0);
      expect(
        await store.commit(empty, {
          claim: { claim: claimFor('clm_5', anna, 100) },
          claimCounter: { ...counter, courseId: 'vca-basis' },
        }),
      ).toEqual({ kind: 'committed' });
    });

    it('lets exactly 3 of 10 concurrent claims against a cap of 3 through', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          commitRetryingConflicts(store, empty, {
            claim: { claim: claimFor(`clm_${index}`, anna, 100) },
            claimCounter: counter,
          }),
        ),
      );

      const kinds = results.map((result) => result.kind);
      expect(kinds.filter((kind) => kind === 'committed')).toHaveLength(3);
      expect(kinds.filter((kind) => kind === 'claim_limit_reached')).toHaveLength(7);
      expect(await store.getClaimCount(counter.providerId, counter.courseId, '2026')).toBe(3);
    });
  });
}
