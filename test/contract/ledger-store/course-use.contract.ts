import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { planCapture, planRelease, planReservation } from '../../../shared/ledger/reservation.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  approvedClaim,
  atSecond,
  bouw,
  claimFor,
  commitRetryingConflicts,
  deposit,
  empty,
  noordProvider,
  potOf,
  type StoreFactory,
  stap,
  useFreshStore,
} from './fixtures.ts';

/**
 * The person's use of a course (`course-use.ts`): what their pots hold and spent for one course
 * over all their claims for it, counted in the approval's own transaction and held to each
 * scheme's maximum per course (STAP: 100,000) and the course price, so racing approvals cannot
 * pass them; releases take it off again.
 */
export function courseUseContract(makeStore: StoreFactory): void {
  describe('use of a course per person', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    const stapPot = 'ocw#stap#never';
    const bouwPot = 'bouwfonds#bouw-2027#2027-01-01';
    const price = 150_000;

    async function fund(): Promise<void> {
      await store.createScheme(stap);
      await store.createScheme(bouw);
      await deposit(store, { scheme: stap, personId: anna, amountCents: 500_000, transferId: 'dep_stap' });
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 500_000, transferId: 'dep_bouw' });
    }

    /** A claim for the welding course, approved as the use case does: counted against the price. */
    async function approval(claimId: string, parts: ReadonlyArray<readonly [string, number]>) {
      const amountCents = parts.reduce((sum, [, cents]) => sum + cents, 0);
      const created = claimFor(claimId, anna, amountCents);
      expect(await store.commit(empty, { claim: { claim: created } })).toEqual({ kind: 'committed' });
      const pots = await store.listPots(anna);
      const allocation = {
        parts: parts.map(([potId, cents]) => {
          const pot = potOf(pots, potId);
          return { potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents: cents };
        }),
        ownContributionCents: 0,
      };
      const approved: Claim = {
        ...created,
        status: 'approved',
        updatedAt: atSecond(1),
        parts: allocation.parts,
        ownContributionCents: 0,
        coursePriceCents: price,
        captureBefore: '2026-11-16T23:59:59.999Z',
      };
      return {
        approved,
        pots,
        movement: planReservation(approved, allocation, pots, atSecond(1)),
        options: { claim: { claim: approved, expectedStatus: 'awaiting_approval' as const } },
      };
    }

    const courseUseOf = () => store.getCourseUse(anna, noordProvider.providerId, 'lassen-1');

    it('is nothing for a course nobody has claimed, and counts approvals per funder and scheme', async () => {
      await fund();
      expect(await courseUseOf()).toEqual({ totalCents: 0, bySchemeCents: {} });

      const first = await approval('clm_1', [
        [stapPot, 60_000],
        [bouwPot, 10_000],
      ]);
      expect(await store.commit(first.movement, first.options)).toEqual({ kind: 'committed' });

      expect(await courseUseOf()).toEqual({
        totalCents: 70_000,
        bySchemeCents: { 'ocw#stap': 60_000, 'bouwfonds#bouw-2027': 10_000 },
      });
      // Another course and another person have a use of their own.
      expect(await store.getCourseUse(anna, noordProvider.providerId, 'vca-basis')).toEqual({
        totalCents: 0,
        bySchemeCents: {},
      });
    });

    it('refuses an approval past a maximum or the price with `course_use_changed`, writing nothing', async () => {
      await fund();
      const first = await approval('clm_1', [[stapPot, 60_000]]);
      expect(await store.commit(first.movement, first.options)).toEqual({ kind: 'committed' });

      // Planned as if nothing were used: 60,000 + 50,000 passes STAP's 100,000.
      const overMaximum = await approval('clm_2', [[stapPot, 50_000]]);
      expect(await store.commit(overMaximum.movement, overMaximum.options)).toEqual({ kind: 'course_use_changed' });
      // 60,000 + 40,000 + 60,000 passes the price of 150,000.
      const overPrice = await approval('clm_3', [
        [stapPot, 40_000],
        [bouwPot, 60_000],
      ]);
      expect(await store.commit(overPrice.movement, overPrice.options)).toEqual({ kind: 'course_use_changed' });

      expect((await store.getClaim('clm_2'))?.status).toBe('awaiting_approval');
      expect(potOf(await store.listPots(anna), stapPot)).toMatchObject({
        availableCents: 440_000,
        reservedCents: 60_000,
      });
      expect(await courseUseOf()).toEqual({ totalCents: 60_000, bySchemeCents: { 'ocw#stap': 60_000 } });

      const fits = await approval('clm_4', [
        [stapPot, 40_000],
        [bouwPot, 50_000],
      ]);
      expect(await store.commit(fits.movement, fits.options)).toEqual({ kind: 'committed' });
      expect(await courseUseOf()).toMatchObject({ totalCents: price });
    });

    it('lets exactly 2 of 6 approvals of 40,000 from STAP through when they race on a maximum of 100,000', async () => {
      await fund();
      const approvals = [];
      for (let index = 0; index < 6; index += 1) approvals.push(await approval(`clm_${index}`, [[stapPot, 40_000]]));

      const results = await Promise.all(
        approvals.map(({ movement, options }) => commitRetryingConflicts(store, movement, options)),
      );

      const kinds = results.map((result) => result.kind);
      expect(kinds.filter((kind) => kind === 'committed')).toHaveLength(2);
      expect(kinds.filter((kind) => kind === 'course_use_changed')).toHaveLength(4);
      expect(await courseUseOf()).toEqual({ totalCents: 80_000, bySchemeCents: { 'ocw#stap': 80_000 } });
      expect(potOf(await store.listPots(anna), stapPot).reservedCents).toBe(80_000);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });

    it('takes off what a release or a partial capture gives back, and keeps what is captured', async () => {
      await fund();
      const first = await approval('clm_1', [[stapPot, 60_000]]);
      const second = await approval('clm_2', [[bouwPot, 30_000]]);
      expect(await store.commit(first.movement, first.options)).toEqual({ kind: 'committed' });
      expect(await store.commit(second.movement, second.options)).toEqual({ kind: 'committed' });

      const cancelled: Claim = { ...first.approved, status: 'cancelled', updatedAt: atSecond(2) };
      expect(
        await store.commit(planRelease(cancelled, await store.listPots(anna), atSecond(2)), {
          claim: { claim: cancelled, expectedStatus: 'approved' },
        }),
      ).toEqual({ kind: 'committed' });
      expect(await courseUseOf()).toEqual({
        totalCents: 30_000,
        bySchemeCents: { 'ocw#stap': 0, 'bouwfonds#bouw-2027': 30_000 },
      });

      const captured: Claim = { ...second.approved, status: 'captured', capturedCents: 20_000, updatedAt: atSecond(3) };
      expect(
        await store.commit(planCapture(captured, 20_000, await store.listPots(anna), atSecond(3), 0), {
          claim: { claim: captured, expectedStatus: 'approved' },
        }),
      ).toEqual({ kind: 'committed' });
      expect(await courseUseOf()).toEqual({
        totalCents: 20_000,
        bySchemeCents: { 'ocw#stap': 0, 'bouwfonds#bouw-2027': 20_000 },
      });
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });

    it('takes nothing off for a claim approved before the use was counted', async () => {
      await fund();
      // Approved without a course price, as every claim was before the rule: never counted.
      const old = await approvedClaim(store, 'clm_old', anna, stapPot, 40_000);
      expect(await courseUseOf()).toEqual({ totalCents: 0, bySchemeCents: {} });

      const cancelled: Claim = { ...old, status: 'cancelled', updatedAt: atSecond(2) };
      expect(
        await store.commit(planRelease(cancelled, await store.listPots(anna), atSecond(2)), {
          claim: { claim: cancelled, expectedStatus: 'approved' },
        }),
      ).toEqual({ kind: 'committed' });
      expect(await courseUseOf()).toEqual({ totalCents: 0, bySchemeCents: {} });
    });
  });
}
