import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../shared/ledger/transfer.ts';
import { InvalidCursorError, type LedgerStore } from '../../../shared/store/ledger-store.ts';
import { anna, atSecond, bram, deposit, ocw, type StoreFactory, scheme, stap, useFreshStore } from './fixtures.ts';

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

    it('is empty for a person without transfers', async () => {
      expect(await store.listTransfers(bram, { limit: 10 })).toEqual({ items: [] });
    });

    it('refuses a cursor from the scheme list', async () => {
      await store.createScheme(stap);
      await store.createScheme(scheme(ocw, 'tweede'));
      const { nextCursor } = await store.listSchemes(ocw.funderId, { limit: 1 });

      await expect(store.listTransfers(anna, { limit: 1, cursor: nextCursor })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });
}
