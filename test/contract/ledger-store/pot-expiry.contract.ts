import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { planRelease } from '../../../shared/ledger/reservation.ts';
import { planExpiry, planLeaveExpiryList } from '../../../shared/ledger/return-to-funder.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  approvedClaim,
  atSecond,
  bouw,
  bouwfonds,
  bram,
  commitRetryingConflicts,
  deposit,
  empty,
  potOf,
  type StoreFactory,
  scheme,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** The pot expiry work list: which pots are on it, and when they leave and return. */
export function potExpiryContract(makeStore: StoreFactory): void {
  describe('the pot expiry work list', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('lists pots with money and an expiry date once that date is before the given day, earliest first', async () => {
      await store.createScheme(stap);
      await store.createScheme(bouw);
      await store.createScheme(scheme(bouwfonds, 'bouw-2026', { expiry: { kind: 'fixed', date: '2026-12-01' } }));
      await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' });
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 200, transferId: 'dep_2' });
      await deposit(store, { scheme: bouw, personId: bram, amountCents: 300, transferId: 'dep_3' });
      await deposit(store, {
        scheme: scheme(bouwfonds, 'bouw-2026', { expiry: { kind: 'fixed', date: '2026-12-01' } }),
        personId: bram,
        amountCents: 400,
        transferId: 'dep_4',
      });

      expect(await store.listPotsDue('2026-12-01', 10)).toEqual([]);
      expect(await store.listPotsDue('2026-12-02', 10)).toEqual([
        { personId: bram, potId: 'bouwfonds#bouw-2026#2026-12-01', expiresAt: '2026-12-01' },
      ]);
      const due = await store.listPotsDue('2027-01-02', 10);
      expect(due.map((pot) => pot.expiresAt)).toEqual(['2026-12-01', '2027-01-01', '2027-01-01']);
      // The money that never expires is never listed.
      expect(due.some((pot) => pot.potId === 'ocw#stap#never')).toBe(false);
      const { personId, potId, expiresAt } = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');
      expect(due[1]).toEqual({ personId, potId, expiresAt });
      expect(await store.listPotsDue('2027-01-02', 2)).toHaveLength(2);
    });

    it(
      'takes a pot off the list when its expiry takes everything ' +
        'available, and puts it back when a release adds money',
      async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        const approved = await approvedClaim(store, 'clm_1', anna, 'bouwfonds#bouw-2027#2027-01-01', 200);

        const expiry = planExpiry(
          potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01'),
          '2027-01-01T01:00:00.000Z',
          '2027-01-01',
          0,
        );
        expect(expiry?.transfers[0]?.amountCents).toBe(300);
        expect(await store.commit(expiry ?? empty)).toEqual({ kind: 'committed' });
        expect(await store.listPotsDue('2027-01-02', 10)).toEqual([]);

        const expired: Claim = { ...approved, status: 'expired', updatedAt: '2027-01-05T01:00:00.000Z' };
        expect(
          await store.commit(planRelease(expired, await store.listPots(anna), expired.updatedAt), {
            claim: { claim: expired, expectedStatus: 'approved' },
          }),
        ).toEqual({ kind: 'committed' });
        const listed = await store.listPotsDue('2027-01-06', 10);
        expect(listed.map((pot) => pot.potId)).toEqual(['bouwfonds#bouw-2027#2027-01-01']);
        const released = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');
        expect([released.availableCents, released.reservedCents]).toEqual([200, 0]);

        // A later run expires the released money under its own id.
        const second = planExpiry(released, '2027-01-06T01:00:00.000Z', '2027-01-06', 1);
        expect(await store.commit(second ?? empty)).toEqual({ kind: 'committed' });
        expect(await store.listPotsDue('2027-01-07', 10)).toEqual([]);
        expect(potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01')).toMatchObject({
          availableCents: 0,
          reservedCents: 0,
        });
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
      },
    );

    it('expires money released into an expired pot later the same day, as an entry of its own', async () => {
      await store.createScheme(bouw);
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
      const approved = await approvedClaim(store, 'clm_1', anna, 'bouwfonds#bouw-2027#2027-01-01', 200);
      const potId = 'bouwfonds#bouw-2027#2027-01-01';
      const first = planExpiry(potOf(await store.listPots(anna), potId), '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
      expect(await store.commit(first ?? empty)).toEqual({ kind: 'committed' });
      const expired: Claim = { ...approved, status: 'expired', updatedAt: '2027-01-01T10:00:00.000Z' };
      expect(
        await store.commit(planRelease(expired, await store.listPots(anna), expired.updatedAt), {
          claim: { claim: expired, expectedStatus: 'approved' },
        }),
      ).toEqual({ kind: 'committed' });

      // The same pot and day give the same transfer id; the later instant makes it another entry.
      const second = planExpiry(potOf(await store.listPots(anna), potId), '2027-01-01T10:15:00.000Z', '2027-01-01', 1);
      expect(second?.transfers[0]?.transferId).toBe(first?.transfers[0]?.transferId);
      expect(await store.commit(second ?? empty)).toEqual({ kind: 'committed' });

      expect(potOf(await store.listPots(anna), potId)).toMatchObject({ availableCents: 0, reservedCents: 0 });
      const expiries = (await store.listTransfers(anna, { limit: 10 })).items.filter(
        (entry) => entry.type === 'expiry',
      );
      expect(expiries.map((entry) => [entry.at, entry.amountCents])).toEqual([
        ['2027-01-01T10:15:00.000Z', 200],
        ['2027-01-01T01:00:00.000Z', 300],
      ]);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });

    it(
      'refuses an expiry planned on a stale read with ' +
        '`insufficient_funds`: it must take exactly what is available',
      async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        const stale = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 50, transferId: 'dep_2', at: atSecond(3) });

        const movement = planExpiry(stale, '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
        expect(await store.commit(movement ?? empty)).toEqual({ kind: 'insufficient_funds' });
        expect((await store.listPotsDue('2027-01-02', 10)).map((pot) => pot.potId)).toEqual([stale.potId]);
        expect(potOf(await store.listPots(anna), stale.potId).availableCents).toBe(550);
      },
    );

    it('lets two expiries of the same pot planned on the same read write once', async () => {
      await store.createScheme(bouw);
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
      const read = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');
      const first = planExpiry(read, '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
      const second = planExpiry(read, '2027-01-01T01:00:01.000Z', '2027-01-01', 3);

      const results = await Promise.all([
        commitRetryingConflicts(store, first ?? empty),
        commitRetryingConflicts(store, second ?? empty),
      ]);

      expect(results.map((result) => result.kind).sort()).toEqual(['committed', 'insufficient_funds']);
      const totals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
      expect(totals.reduce((sum, shard) => sum + shard.expiredCents, 0)).toBe(500);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });

    it(
      'takes an expired pot with nothing available off ' + 'the list without moving money, unless money arrived',
      async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        await approvedClaim(store, 'clm_1', anna, 'bouwfonds#bouw-2027#2027-01-01', 500);
        const spent = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');

        await deposit(store, { scheme: bouw, personId: anna, amountCents: 70, transferId: 'dep_2', at: atSecond(4) });
        expect(await store.commit(planLeaveExpiryList(spent, '2027-01-01') ?? empty)).toEqual({
          kind: 'insufficient_funds',
        });
        expect(await store.listPotsDue('2027-01-02', 10)).toHaveLength(1);

        const expiry = planExpiry(
          potOf(await store.listPots(anna), spent.potId),
          '2027-01-01T01:00:00.000Z',
          '2027-01-01',
          0,
        );
        await store.commit(expiry ?? empty);
        expect(await store.listPotsDue('2027-01-02', 10)).toEqual([]);
        expect(planLeaveExpiryList(potOf(await store.listPots(anna), spent.potId), '2027-01-01')).toBeDefined();
        expect(
          await store.commit(
            planLeaveExpiryList(potOf(await store.listPots(anna), spent.potId), '2027-01-01') ?? empty,
          ),
        ).toEqual({ kind: 'committed' });
        expect(potOf(await store.listPots(anna), spent.potId)).toMatchObject({ availableCents: 0, reservedCents: 500 });
      },
    );
  });
}
