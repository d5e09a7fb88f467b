import { describe, expect, it } from 'vitest';
import { planDeposit } from '../../../shared/ledger/deposit.ts';
import { planRevocation } from '../../../shared/ledger/return-to-funder.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  atSecond,
  deposit,
  deVries,
  employment,
  opleiding,
  planDepositOn,
  potOf,
  type StoreFactory,
  stap,
  today,
  useFreshStore,
} from './fixtures.ts';

/** Employer money in `commit`: deposits only while employed, and ending the employment returns it. */
export function commitEmploymentContract(makeStore: StoreFactory): void {
  describe('commit', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('refuses an employer deposit with `not_employed` when the employment is not there', async () => {
      await store.createScheme(opleiding);

      // Planned as if the employment had been read; the store has none.
      const result = await deposit(store, {
        scheme: opleiding,
        personId: anna,
        amountCents: 100,
        transferId: 'dep_1',
        employment,
      });

      expect(result).toEqual({ kind: 'not_employed' });
      expect(await store.listPots(anna)).toEqual([]);
      expect(await store.getSchemeTotals(deVries.funderId, opleiding.schemeId)).toEqual([]);
    });

    it('refuses an employer deposit with `not_employed` when the employment ended after it was read', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);
      const movement = await planDepositOn(store, {
        scheme: opleiding,
        personId: anna,
        amountCents: 100,
        transferId: 'dep_1',
      });
      await store.commit(
        { transfers: [], potChanges: [], totalChanges: [] },
        { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } },
      );

      expect(await store.commit(movement)).toEqual({ kind: 'not_employed' });
      expect(await store.listPots(anna)).toEqual([]);
    });

    it('writes an employer deposit while the employment is ongoing', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);

      expect(
        await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' }),
      ).toEqual({ kind: 'committed' });
      expect(potOf(await store.listPots(anna), 'kvk-12345678#opleiding#2028-05-20')).toMatchObject({
        revocable: true,
        availableCents: 100,
      });
    });

    it('ends the employment and returns revocable money in one transaction', async () => {
      await store.createScheme(opleiding);
      await store.createScheme(stap);
      await store.startEmployment(employment);
      await deposit(store, { scheme: opleiding, personId: anna, amountCents: 700, transferId: 'dep_1' });
      await deposit(store, { scheme: stap, personId: anna, amountCents: 300, transferId: 'dep_2' });

      const { movement, returnedCents } = planRevocation(
        await store.listPots(anna),
        deVries.funderId,
        atSecond(9),
        (pot) => `rev_req1_${pot.potId}`,
        3,
      );
      const result = await store.commit(movement, {
        endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today },
      });

      expect(result).toEqual({ kind: 'committed' });
      expect(returnedCents).toBe(700);
      const pots = await store.listPots(anna);
      expect(potOf(pots, 'kvk-12345678#opleiding#2028-05-20').availableCents).toBe(0);
      expect(potOf(pots, 'ocw#stap#never').availableCents).toBe(300);
      expect((await store.getEmployment(deVries.funderId, anna))?.endDate).toBe(today);
      const totals = await store.getSchemeTotals(deVries.funderId, opleiding.schemeId);
      expect(totals.reduce((sum, shard) => sum + shard.returnedCents, 0)).toBe(700);
      expect(totals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(0);
    });

    it('returns money from several pots of one scheme in one transaction', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);
      await deposit(store, { scheme: opleiding, personId: anna, amountCents: 700, transferId: 'dep_1' });
      // The same scheme on a later day: another expiry date, so another pot.
      const later = planDeposit({
        transferId: 'dep_2',
        scheme: opleiding,
        personId: anna,
        amountCents: 200,
        at: '2026-06-02T08:00:00.000Z',
        today: '2026-06-02',
        shards: [],
        shardStart: 0,
        employment,
      });
      if (!later.ok) throw new Error(later.detail);
      await store.commit(later.value.movement);

      const { movement } = planRevocation(
        await store.listPots(anna),
        deVries.funderId,
        atSecond(9),
        (pot) => `rev_req1_${pot.potId}`,
        3,
      );
      expect(movement.potChanges).toHaveLength(2);
      expect(
        await store.commit(movement, {
          endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today },
        }),
      ).toEqual({ kind: 'committed' });

      expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([0, 0]);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, transfers: 4 });
    });

    it('writes a movement planned on employments only while each is still ended or ongoing as read', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);
      const ongoing = { employerId: deVries.funderId, personId: anna, ended: false };
      const ended = { ...ongoing, ended: true };
      const empty = { transfers: [], potChanges: [], totalChanges: [] };

      expect(await store.commit({ ...empty, employmentsAsRead: [ended] })).toEqual({ kind: 'employment_changed' });
      expect(await store.commit({ ...empty, employmentsAsRead: [ongoing] })).toEqual({ kind: 'committed' });
      await store.commit(empty, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } });
      expect(await store.commit({ ...empty, employmentsAsRead: [ongoing] })).toEqual({ kind: 'employment_changed' });
      expect(await store.commit({ ...empty, employmentsAsRead: [ended] })).toEqual({ kind: 'committed' });
      // Re-hired: ongoing again.
      expect(await store.startEmployment({ ...employment, startDate: today })).toBe('created');
      expect(await store.commit({ ...empty, employmentsAsRead: [ended] })).toEqual({ kind: 'employment_changed' });
    });

    it('revokes only while each pot holds exactly what was read, so money released meanwhile stays out', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);
      await deposit(store, { scheme: opleiding, personId: anna, amountCents: 700, transferId: 'dep_1' });
      const { movement } = planRevocation(
        await store.listPots(anna),
        deVries.funderId,
        atSecond(9),
        (pot) => `rev_${pot.potId}`,
        0,
      );
      await deposit(store, { scheme: opleiding, personId: anna, amountCents: 50, transferId: 'dep_2' });
      const end = { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } };

      expect(await store.commit(movement, end)).toEqual({ kind: 'insufficient_funds' });
      expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([750]);
    });
  });
}
