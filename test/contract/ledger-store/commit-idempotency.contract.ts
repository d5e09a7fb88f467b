import { describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  bouw,
  bram,
  deposit,
  idempotencyClaim,
  potOf,
  type StoreFactory,
  snapshot,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** The idempotency record written by `commit`: kept with the movement, one per key and scope. */
export function commitIdempotencyContract(makeStore: StoreFactory): void {
  describe('commit', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('keeps the idempotency record with the movement', async () => {
      await store.createScheme(stap);
      await deposit(
        store,
        { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' },
        { idempotency: idempotencyClaim('key-1', 'hash-1', { depositId: 'dep_1', amount: 100 }) },
      );

      expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toEqual({
        requestHash: 'hash-1',
        response: { statusCode: 201, body: { depositId: 'dep_1', amount: 100 } },
      });
      expect(await store.getIdempotencyRecord('funder:ocw', 'key-2')).toBeUndefined();
    });

    it('answers a reused idempotency key with `key_exists` and the first record, and writes nothing else', async () => {
      await store.createScheme(stap);
      await store.createScheme(bouw);
      const first = idempotencyClaim('key-1', 'hash-1', { depositId: 'dep_1', amount: 100 });
      await deposit(
        store,
        { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' },
        { idempotency: first },
      );
      const before = await snapshot(store, [anna, bram], [stap, bouw]);

      // The same key with another movement altogether (another person, scheme and amount).
      const result = await deposit(
        store,
        { scheme: bouw, personId: bram, amountCents: 999, transferId: 'dep_2' },
        { idempotency: idempotencyClaim('key-1', 'hash-2', { depositId: 'dep_2' }) },
      );

      expect(result).toEqual({ kind: 'key_exists', record: { requestHash: 'hash-1', response: first.response } });
      expect(await snapshot(store, [anna, bram], [stap, bouw])).toEqual(before);
      expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toEqual({
        requestHash: 'hash-1',
        response: first.response,
      });
    });

    it('keeps idempotency keys apart per scope: another client may use the same key', async () => {
      await store.createScheme(stap);
      await deposit(
        store,
        { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' },
        { idempotency: idempotencyClaim('key-1', 'hash-1', {}, 'funder:ocw') },
      );

      expect(
        await deposit(
          store,
          { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_2' },
          { idempotency: idempotencyClaim('key-1', 'hash-1', {}, 'employer:other') },
        ),
      ).toEqual({ kind: 'committed' });
      expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(200);
    });
  });
}
