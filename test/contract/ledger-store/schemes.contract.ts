import { beforeEach, describe, expect, it } from 'vitest';
import { initialBudgetShards } from '../../../shared/ledger/scheme-totals.ts';
import { encodeCursor } from '../../../shared/store/cursor.ts';
import { InvalidCursorError, type LedgerStore } from '../../../shared/store/ledger-store.ts';
import { bouwfonds, deVries, ocw, pilot, type StoreFactory, scheme, stap, useFreshStore } from './fixtures.ts';

/** Schemes: creating them once, their budget shards, and listing them page by page. */
export function schemesContract(makeStore: StoreFactory): void {
  let store: LedgerStore;
  // Both describes below give each of their tests a fresh store through `freshStore`, in this one variable.
  const freshStore = () =>
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

  describe('createScheme', () => {
    freshStore();

    it('creates a scheme once; the same id again for the same funder is `exists`', async () => {
      expect(await store.createScheme(stap)).toBe('created');
      expect(await store.createScheme({ ...stap, label: 'another label' })).toBe('exists');

      expect(await store.getScheme(ocw.funderId, 'stap')).toEqual(stap);
    });

    it('keeps scheme ids apart per funder', async () => {
      expect(await store.createScheme(stap)).toBe('created');
      expect(await store.createScheme(scheme(bouwfonds, 'stap'))).toBe('created');

      expect((await store.getScheme(bouwfonds.funderId, 'stap'))?.funder).toEqual(bouwfonds);
      expect(await store.getScheme(deVries.funderId, 'stap')).toBeUndefined();
    });

    it('writes the budget shards of a budgeted scheme, readable through getSchemeTotals', async () => {
      const budgetCents = 1_000_003;
      const budgeted = scheme(ocw, 'groot', { budgetCents });
      await store.createScheme(budgeted, initialBudgetShards(budgetCents));

      const totals = await store.getSchemeTotals(ocw.funderId, 'groot');
      expect(totals.map((shard) => shard.shard)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(totals.map((shard) => shard.budgetRemainingCents)).toEqual(initialBudgetShards(budgetCents));
      expect(totals.reduce((sum, shard) => sum + (shard.budgetRemainingCents ?? 0), 0)).toBe(budgetCents);
      expect(
        totals.every(
          (shard) =>
            shard.balanceCents === 0 &&
            shard.depositedCents === 0 &&
            shard.returnedCents === 0 &&
            shard.expiredCents === 0,
        ),
      ).toBe(true);
    });

    it('leaves the budget shards alone when the scheme already exists', async () => {
      await store.createScheme(pilot, initialBudgetShards(1_000));
      expect(await store.createScheme(pilot, initialBudgetShards(5_000))).toBe('exists');

      const totals = await store.getSchemeTotals(ocw.funderId, 'pilot');
      expect(totals.reduce((sum, shard) => sum + (shard.budgetRemainingCents ?? 0), 0)).toBe(1_000);
    });

    it('has no totals for a scheme without a budget until money moves', async () => {
      await store.createScheme(stap);

      expect(await store.getSchemeTotals(ocw.funderId, 'stap')).toEqual([]);
      expect(await store.getScheme(ocw.funderId, 'unknown')).toBeUndefined();
    });
  });

  describe('listSchemes', () => {
    freshStore();

    beforeEach(async () => {
      // Created out of order: the list is ordered by scheme id, not by creation.
      for (const schemeId of ['c-scheme', 'a-scheme', 'e-scheme', 'b-scheme', 'd-scheme']) {
        await store.createScheme(scheme(ocw, schemeId));
      }
      await store.createScheme(scheme(bouwfonds, 'b-sector'));
    });

    it("pages through one funder's schemes in id order; the last page has no cursor", async () => {
      const first = await store.listSchemes(ocw.funderId, { limit: 2 });
      expect(first.items.map((item) => item.schemeId)).toEqual(['a-scheme', 'b-scheme']);
      expect(first.nextCursor).toBeDefined();

      const second = await store.listSchemes(ocw.funderId, { limit: 2, cursor: first.nextCursor });
      expect(second.items.map((item) => item.schemeId)).toEqual(['c-scheme', 'd-scheme']);
      expect(second.nextCursor).toBeDefined();

      const last = await store.listSchemes(ocw.funderId, { limit: 2, cursor: second.nextCursor });
      expect(last.items.map((item) => item.schemeId)).toEqual(['e-scheme']);
      expect(last.nextCursor).toBeUndefined();
    });

    it('gives no cursor when the page ends exactly at the last scheme', async () => {
      const first = await store.listSchemes(ocw.funderId, { limit: 3 });
      const last = await store.listSchemes(ocw.funderId, { limit: 2, cursor: first.nextCursor });

      expect(last.items.map((item) => item.schemeId)).toEqual(['d-scheme', 'e-scheme']);
      expect(last.nextCursor).toBeUndefined();
    });

    it('lists everything on one page when the limit allows, and nothing for an unknown funder', async () => {
      expect((await store.listSchemes(ocw.funderId, { limit: 50 })).items).toHaveLength(5);
      expect(await store.listSchemes('nobody', { limit: 50 })).toEqual({ items: [] });
    });

    it.each([
      { cursor: 'not-a-cursor', what: 'garbage' },
      { cursor: encodeCursor('TX#2026-05-20T10:00:00.000Z#dep_1'), what: 'a transfer list cursor' },
      { cursor: encodeCursor('POT#ocw#stap#never'), what: 'a pot key' },
      {
        cursor: Buffer.from(JSON.stringify({ sk: 42 })).toString('base64url'),
        what: 'a cursor with a number for a key',
      },
      {
        cursor: Buffer.from(JSON.stringify({ pk: 'FUNDER#bouwfonds' })).toString('base64url'),
        what: 'a cursor without a sort key',
      },
    ])('refuses $what as a cursor with InvalidCursorError', async ({ cursor }) => {
      await expect(store.listSchemes(ocw.funderId, { limit: 2, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
