import { describe, expect, it } from 'vitest';
import type { CommitOptions, LedgerStore } from '../../../shared/store/ledger-store.ts';
import { anna, bram, deVries, employment, type StoreFactory, today, useFreshStore } from './fixtures.ts';

/** Employments: starting one once, ending it with a movement, re-hiring. */
export function employmentContract(makeStore: StoreFactory): void {
  describe('employment', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('starts an employment once; starting it again while it is ongoing is `exists`', async () => {
      expect(await store.startEmployment(employment)).toBe('created');
      expect(await store.startEmployment({ ...employment, startDate: '2026-02-01' })).toBe('exists');

      expect(await store.getEmployment(deVries.funderId, anna)).toEqual(employment);
      expect(await store.getEmployment(deVries.funderId, bram)).toBeUndefined();
    });

    it('ends an ongoing employment by setting its end date', async () => {
      await store.startEmployment(employment);

      expect(
        await store.commit(
          { transfers: [], potChanges: [], totalChanges: [] },
          { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } },
        ),
      ).toEqual({ kind: 'committed' });
      expect(await store.getEmployment(deVries.funderId, anna)).toEqual({ ...employment, endDate: today });
    });

    it('refuses to end an employment that already ended, or never existed, with `employment_changed`', async () => {
      await store.startEmployment(employment);
      const ending: CommitOptions = {
        endEmployment: { employerId: deVries.funderId, personId: anna, endDate: '2026-04-30' },
      };
      await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, ending);

      expect(
        await store.commit(
          { transfers: [], potChanges: [], totalChanges: [] },
          { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } },
        ),
      ).toEqual({ kind: 'employment_changed' });
      expect((await store.getEmployment(deVries.funderId, anna))?.endDate).toBe('2026-04-30');
      expect(
        await store.commit(
          { transfers: [], potChanges: [], totalChanges: [] },
          { endEmployment: { employerId: deVries.funderId, personId: bram, endDate: today } },
        ),
      ).toEqual({ kind: 'employment_changed' });
      expect(await store.getEmployment(deVries.funderId, bram)).toBeUndefined();
    });

    it('re-hires after the employment ended: the new employment replaces the ended one', async () => {
      await store.startEmployment(employment);
      await store.commit(
        { transfers: [], potChanges: [], totalChanges: [] },
        { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: '2026-01-31' } },
      );

      expect(await store.startEmployment({ ...employment, startDate: '2026-05-01' })).toBe('created');
      expect(await store.getEmployment(deVries.funderId, anna)).toEqual({
        employerId: deVries.funderId,
        personId: anna,
        startDate: '2026-05-01',
      });
    });
  });
}
