import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/ledger/audit.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planCapture, planReservation } from '../../../shared/ledger/reservation.ts';
import { planExpiry, planRevocation } from '../../../shared/ledger/return-to-funder.ts';
import { initialBudgetShards } from '../../../shared/ledger/scheme-totals.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  approvedClaim,
  atSecond,
  bouw,
  bouwfonds,
  bram,
  capturedClaim,
  claimFor,
  deposit,
  deVries,
  employment,
  empty,
  idempotencyClaim,
  noordProvider,
  ocw,
  opleiding,
  pilot,
  planDepositOn,
  potOf,
  type StoreFactory,
  snapshot,
  stap,
  today,
  useFreshStore,
} from './fixtures.ts';

/** Money movements: what `commit` writes, and each refusal for want of money, which writes nothing. */
export function commitContract(makeStore: StoreFactory): void {
  describe('commit', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    it('writes a deposit: the pot, the scheme totals and the transfer', async () => {
      await store.createScheme(stap);
      const movement = await planDepositOn(store, {
        scheme: stap,
        personId: anna,
        amountCents: 125_000,
        transferId: 'dep_1',
        shardStart: 6,
      });

      expect(await store.commit(movement)).toEqual({ kind: 'committed' });

      expect(await store.listPots(anna)).toEqual([
        {
          personId: anna,
          potId: 'ocw#stap#never',
          schemeId: 'stap',
          label: 'stap label',
          funder: ocw,
          revocable: false,
          // The scheme's rules travel with the pot, so approving a claim needs only the pots.
          categories: ['vakopleiding', 'taal'],
          maxPerCourseCents: 100_000,
          availableCents: 125_000,
          reservedCents: 0,
        },
      ]);
      expect(await store.getSchemeTotals(ocw.funderId, 'stap')).toEqual([
        { shard: 6, balanceCents: -125_000, depositedCents: 125_000, returnedCents: 0, expiredCents: 0 },
      ]);
      expect((await store.listTransfers(anna, { limit: 10 })).items).toEqual(movement.transfers);
      expect(await store.listPots(bram)).toEqual([]);
    });

    it('adds a second deposit with the same expiry to the same pot', async () => {
      await store.createScheme(bouw);
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 300, transferId: 'dep_1' });
      await deposit(store, { scheme: bouw, personId: anna, amountCents: 450, transferId: 'dep_2', shardStart: 1 });

      const pots = await store.listPots(anna);
      expect(pots).toHaveLength(1);
      expect(potOf(pots, 'bouwfonds#bouw-2027#2027-01-01')).toMatchObject({
        expiresAt: '2027-01-01',
        availableCents: 750,
        reservedCents: 0,
      });
      const totals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
      expect(totals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(-750);
    });

    it('refuses to take more than a pot has available with `insufficient_funds`, and writes nothing', async () => {
      await store.createScheme(opleiding);
      await store.startEmployment(employment);
      await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' });
      const [held] = await store.listPots(anna);
      if (held === undefined) throw new Error('test setup: no pot');
      const before = await snapshot(store, [anna], [opleiding]);

      // Planned on a stale read that saw 150 in the pot.
      const { movement } = planRevocation(
        [{ ...held, availableCents: 150 }],
        deVries.funderId,
        atSecond(5),
        () => 'rev_1',
        2,
      );
      const result = await store.commit(movement, {
        idempotency: idempotencyClaim('key-rev', 'hash-rev', {}, 'employer:kvk-12345678'),
      });

      expect(result).toEqual({ kind: 'insufficient_funds' });
      expect(await snapshot(store, [anna], [opleiding])).toEqual(before);
      expect(before.reconciliation).toMatchObject({ balanced: true, sum: 0 });
      // A refused commit does not keep its idempotency key either: the request may be judged anew.
      expect(await store.getIdempotencyRecord('employer:kvk-12345678', 'key-rev')).toBeUndefined();
    });

    it('refuses to take money from a pot that does not exist with `insufficient_funds`', async () => {
      const ghost: Pot = {
        personId: bram,
        potId: 'ocw#stap#never',
        schemeId: 'stap',
        label: 'stap label',
        funder: ocw,
        revocable: false,
        availableCents: 10,
        reservedCents: 0,
      };
      const movement = planExpiry({ ...ghost, expiresAt: '2026-01-01' }, atSecond(1), today, 0);
      if (movement === undefined) throw new Error('test setup: nothing to expire');

      expect(await store.commit(movement)).toEqual({ kind: 'insufficient_funds' });
      expect(await store.listPots(bram)).toEqual([]);
      expect(await store.reconcile()).toMatchObject({ balanced: true, accounts: 0, transfers: 0 });
    });

    it(
      "refuses a deposit beyond a budget shard's remaining " + 'budget with `budget_exceeded`, and writes nothing',
      async () => {
        await store.createScheme(pilot, initialBudgetShards(1_000));
        const stale = await store.getSchemeTotals(ocw.funderId, 'pilot');
        expect(
          await deposit(store, {
            scheme: pilot,
            personId: anna,
            amountCents: 80,
            transferId: 'dep_1',
            shardStart: 4,
            shards: stale,
          }),
        ).toEqual({ kind: 'committed' });
        const before = await snapshot(store, [anna, bram], [pilot]);

        // Planned on the same read as the first deposit: shard 4 seemed to have 100 left, but has 20.
        const result = await deposit(
          store,
          { scheme: pilot, personId: bram, amountCents: 80, transferId: 'dep_2', shardStart: 4, shards: stale },
          { idempotency: idempotencyClaim('key-2', 'hash-2', {}) },
        );

        expect(result).toEqual({ kind: 'budget_exceeded' });
        expect(await snapshot(store, [anna, bram], [pilot])).toEqual(before);
        expect((await store.getSchemeTotals(ocw.funderId, 'pilot'))[4]?.budgetRemainingCents).toBe(20);
        expect(await store.getIdempotencyRecord('funder:ocw', 'key-2')).toBeUndefined();
      },
    );

    it('refuses the same transfer (same id, same time) a second time, as a conflict', async () => {
      await store.createScheme(stap);
      const movement = await planDepositOn(store, {
        scheme: stap,
        personId: anna,
        amountCents: 100,
        transferId: 'dep_1',
      });
      await store.commit(movement);

      expect(await store.commit(movement)).toEqual({ kind: 'conflict' });
      expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(100);
    });

    /** Everything a claim's movement could have written, besides what `snapshot` covers. */
    async function claimSnapshot(claimId: string) {
      return {
        ledger: await snapshot(store, [anna], [stap]),
        claim: await store.getClaim(claimId),
        claimCount: await store.getClaimCount(noordProvider.providerId, 'lassen-1', '2026'),
        courseUse: await store.getCourseUse(anna, noordProvider.providerId, 'lassen-1'),
        payables: await store.getPayableShards(noordProvider.providerId),
        audit: await store.listAudit({ from: '2026-05-01', to: '2026-05-31' }, { limit: 50 }),
        idempotency: await store.getIdempotencyRecord('provider:opleidingen-noord', 'key-stale'),
      };
    }

    /** The audit entry a stale write carries; it must not be written either. */
    const staleAudit: AuditRecord = {
      auditId: 'aud_stale',
      at: atSecond(5),
      actor: { role: 'citizen', personId: anna },
      action: 'claim_approve',
      subject: { personId: anna, claimId: 'clm_1' },
      amountCents: 300,
      outcome: 'succeeded',
    };
    const staleOptions = {
      audit: staleAudit,
      idempotency: idempotencyClaim('key-stale', 'hash-stale', {}, 'provider:opleidingen-noord'),
    };

    /** A second approval of `claimId` planned on a read that still saw it awaiting approval. */
    async function staleApproval(claimId: string) {
      const pots = await store.listPots(anna);
      const pot = potOf(pots, 'ocw#stap#never');
      const allocation = {
        parts: [{ potId: pot.potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents: 300 }],
        ownContributionCents: 0,
      };
      const approved: Claim = {
        ...claimFor(claimId, anna, 300),
        status: 'approved',
        updatedAt: atSecond(5),
        parts: allocation.parts,
        ownContributionCents: 0,
        captureBefore: '2026-11-16T23:59:59.999Z',
      };
      // At another second than any earlier write, so no transfer id collides and only the status can refuse it.
      return store.commit(planReservation(approved, allocation, pots, atSecond(5)), {
        ...staleOptions,
        claim: { claim: approved, expectedStatus: 'awaiting_approval' },
      });
    }

    it(
      'refuses an approval expecting `awaiting_approval` of a claim already approved with `claim_changed`, ' +
        'and writes nothing',
      async () => {
        await store.createScheme(stap);
        await deposit(store, { scheme: stap, personId: anna, amountCents: 1_000, transferId: 'dep_1' });
        const approved = await approvedClaim(store, 'clm_1', anna, 'ocw#stap#never', 300);
        const before = await claimSnapshot('clm_1');
        expect(before.claim).toEqual(approved);
        expect(potOf(before.ledger.pots[0] ?? [], 'ocw#stap#never')).toMatchObject({
          availableCents: 700,
          reservedCents: 300,
        });

        expect(await staleApproval('clm_1')).toEqual({ kind: 'claim_changed' });

        expect(await claimSnapshot('clm_1')).toEqual(before);
      },
    );

    it(
      'refuses an approval expecting `awaiting_approval` of a claim already rejected with `claim_changed`, ' +
        'and writes nothing',
      async () => {
        await store.createScheme(stap);
        await deposit(store, { scheme: stap, personId: anna, amountCents: 1_000, transferId: 'dep_1' });
        const created = claimFor('clm_1', anna, 300);
        const counter = { providerId: noordProvider.providerId, courseId: 'lassen-1', year: '2026', max: 5 };
        expect(await store.commit(empty, { claim: { claim: created }, claimCounter: counter })).toEqual({
          kind: 'committed',
        });
        const rejected: Claim = { ...created, status: 'rejected', updatedAt: atSecond(1) };
        expect(await store.commit(empty, { claim: { claim: rejected, expectedStatus: 'awaiting_approval' } })).toEqual({
          kind: 'committed',
        });
        const before = await claimSnapshot('clm_1');
        expect(before.claim).toEqual(rejected);
        expect(before.claimCount).toBe(1);

        expect(await staleApproval('clm_1')).toEqual({ kind: 'claim_changed' });

        expect(await claimSnapshot('clm_1')).toEqual(before);
        expect(potOf(await store.listPots(anna), 'ocw#stap#never')).toMatchObject({
          availableCents: 1_000,
          reservedCents: 0,
        });
      },
    );

    it(
      'refuses a capture expecting `approved` of a claim already captured with `claim_changed`, ' +
        'and writes nothing',
      async () => {
        await store.createScheme(stap);
        await deposit(store, { scheme: stap, personId: anna, amountCents: 1_000, transferId: 'dep_1' });
        const captured = await capturedClaim(store, 'clm_1', 300, 0);
        const before = await claimSnapshot('clm_1');
        expect(before.payables).toEqual([{ shard: 0, balanceCents: 300 }]);

        // A second capture planned on the approved claim, into another payable shard at a later second.
        const again: Claim = { ...captured, updatedAt: atSecond(6), capturedCents: 200 };
        const pots = await store.listPots(anna);
        const replanned = planCapture(
          again,
          200,
          [{ ...potOf(pots, 'ocw#stap#never'), reservedCents: 300 }],
          atSecond(6),
          3,
        );
        expect(
          await store.commit(replanned, {
            ...staleOptions,
            audit: { ...staleAudit, action: 'claim_capture', amountCents: 200 },
            claim: { claim: again, expectedStatus: 'approved' },
          }),
        ).toEqual({ kind: 'claim_changed' });

        expect(await claimSnapshot('clm_1')).toEqual(before);
      },
    );
  });
}
