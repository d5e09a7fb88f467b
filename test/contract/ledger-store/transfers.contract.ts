import { describe, expect, it } from 'vitest';
import type { Movement, Transfer } from '../../../shared/ledger/transfer.ts';
import { InvalidCursorError, type LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  atSecond,
  bouw,
  bram,
  deposit,
  ocw,
  planDepositOn,
  type StoreFactory,
  scheme,
  stap,
  useFreshStore,
} from './fixtures.ts';

const tweede = scheme(ocw, 'tweede');

/** A person's transfers, newest first, page by page. */
export function transfersContract(makeStore: StoreFactory): void {
  describe('listTransfers', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it("lists a person's transfers newest first, page by page", async () => {
      await store.createScheme(stap);
      for (const second of [3, 1, 5, 2, 4]) {
        await deposit(store, {
          scheme: stap,
          personId: anna,
          amountCents: second * 100,
          transferId: `dep_${second}`,
          at: atSecond(second),
        });
      }
      await deposit(store, { scheme: stap, personId: bram, amountCents: 1, transferId: 'dep_bram', at: atSecond(9) });

      const seen: Transfer[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listTransfers(anna, { limit: 2, ...(cursor !== undefined && { cursor }) });
        seen.push(page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined);

      expect(seen.map((page) => page.map((transfer) => transfer.transferId))).toEqual([
        ['dep_5', 'dep_4'],
        ['dep_3', 'dep_2'],
        ['dep_1'],
      ]);
      expect(seen.flat().map((transfer) => transfer.amountCents)).toEqual([500, 400, 300, 200, 100]);
    });

    it('pages through a movement of several transfers, none lost or repeated, at any page size', async () => {
      await store.createScheme(stap);
      await store.createScheme(bouw);
      await store.createScheme(tweede);
      await deposit(store, {
        scheme: stap,
        personId: anna,
        amountCents: 100,
        transferId: 'dep_early',
        at: atSecond(1),
      });
      // One movement paying into three pots at one instant: three transfers that commit together.
      const parts = await Promise.all(
        [stap, bouw, tweede].map((each, index) =>
          planDepositOn(store, {
            scheme: each,
            personId: anna,
            amountCents: 200 + index,
            transferId: `dep_together_${index}`,
            at: atSecond(2),
          }),
        ),
      );
      const together: Movement = {
        transfers: parts.flatMap((part) => part.transfers),
        potChanges: parts.flatMap((part) => part.potChanges),
        totalChanges: parts.flatMap((part) => part.totalChanges),
      };
      expect(await store.commit(together)).toEqual({ kind: 'committed' });
      await deposit(store, { scheme: stap, personId: anna, amountCents: 300, transferId: 'dep_late', at: atSecond(3) });
      const newestFirst = ['dep_late', 'dep_together_2', 'dep_together_1', 'dep_together_0', 'dep_early'];

      for (const limit of [1, 2, 3, 4, 5]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listTransfers(anna, { limit, ...(cursor !== undefined && { cursor }) });
          // Never more than asked for, and never an empty page behind a cursor.
          expect(page.items.length).toBeLessThanOrEqual(limit);
          expect(page.items.length).toBeGreaterThan(0);
          seen.push(...page.items.map((transfer) => transfer.transferId));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(seen, `pages of ${limit}`).toEqual(newestFirst);
      }
    });

    it('is empty for a person without transfers', async () => {
      expect(await store.listTransfers(bram, { limit: 10 })).toEqual({ items: [] });
    });

    it('refuses a cursor from the scheme list', async () => {
      await store.createScheme(stap);
      await store.createScheme(tweede);
      const { nextCursor } = await store.listSchemes(ocw.funderId, { limit: 1 });

      await expect(store.listTransfers(anna, { limit: 1, cursor: nextCursor })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });
}
