import { beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { type PayoutPlan, planPayoutFile } from '../../../shared/ledger/payout.ts';
import type { LedgerStore } from '../../../shared/store/ledger-store.ts';
import {
  anna,
  atSecond,
  capturedClaim,
  deposit,
  noordProvider,
  payoutOf,
  type StoreFactory,
  stap,
  useFreshStore,
} from './fixtures.ts';

/** Payouts and payout files: paying captured claims once, and filing each payout once. */
export function payoutsContract(makeStore: StoreFactory): void {
  describe('payouts', () => {
    let store: LedgerStore;
    useFreshStore(makeStore, (fresh) => {
      store = fresh;
    });

    beforeEach(async () => {
      await store.putProvider(noordProvider);
      await store.createScheme(stap);
      await deposit(store, { scheme: stap, personId: anna, amountCents: 10_000, transferId: 'dep_1' });
    });

    it('pays captured claims in one transaction: the payout, the claims `paid`, the payable down to zero', async () => {
      const claims = [await capturedClaim(store, 'clm_1', 1_250, 3), await capturedClaim(store, 'clm_2', 4_000, 7)];
      expect(
        (await store.getPayableShards(noordProvider.providerId)).reduce((sum, shard) => sum + shard.balanceCents, 0),
      ).toBe(5_250);
      expect((await store.listClaimsDue('captured', atSecond(60), 10)).map((claim) => claim.claimId).sort()).toEqual([
        'clm_1',
        'clm_2',
      ]);

      const plan = await payoutOf(store, 'po-1', claims);
      expect(await store.commitPayout(plan)).toEqual({ kind: 'committed' });

      expect(await store.getClaim('clm_1')).toMatchObject({ status: 'paid', payoutId: 'po-1' });
      expect(await store.getClaim('clm_2')).toMatchObject({ status: 'paid', payoutId: 'po-1' });
      expect(await store.listClaimsDue('captured', atSecond(60), 10)).toEqual([]);
      expect((await store.getPayableShards(noordProvider.providerId)).every((shard) => shard.balanceCents === 0)).toBe(
        true,
      );
      expect(await store.listPayouts(noordProvider.providerId, { limit: 10 })).toEqual({ items: [plan.payout] });
      expect(await store.listPayoutsUnfiled(10)).toEqual([plan.payout]);
      const reconciliation = await store.reconcile();
      expect(reconciliation).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
    });

    it('refuses a payout of a claim that is no longer captured with `claim_changed`, and writes nothing', async () => {
      const claims = [await capturedClaim(store, 'clm_1', 1_000, 0), await capturedClaim(store, 'clm_2', 2_000, 1)];
      const first = await payoutOf(store, 'po-1', [claims[1] as Claim]);
      // Planned on the same read: both would pay clm_2.
      const second = await payoutOf(store, 'po-2', claims);
      expect(await store.commitPayout(first)).toEqual({ kind: 'committed' });

      expect(await store.commitPayout(second)).toEqual({ kind: 'claim_changed' });
      expect(await store.getClaim('clm_1')).toMatchObject({ status: 'captured' });
      expect(
        (await store.listPayouts(noordProvider.providerId, { limit: 10 })).items.map((payout) => payout.payoutId),
      ).toEqual(['po-1']);
      expect(
        (await store.getPayableShards(noordProvider.providerId)).reduce((sum, shard) => sum + shard.balanceCents, 0),
      ).toBe(1_000);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });

    it('refuses a payout the payable shards do not cover with `insufficient_funds`', async () => {
      const claim = await capturedClaim(store, 'clm_1', 1_000, 0);
      const plan = await payoutOf(store, 'po-1', [claim]);
      const greedy: PayoutPlan = {
        ...plan,
        payableChanges: [{ providerId: noordProvider.providerId, shard: 0, balanceDeltaCents: -1_001 }],
      };

      expect(await store.commitPayout(greedy)).toEqual({ kind: 'insufficient_funds' });
      expect(await store.getClaim('clm_1')).toMatchObject({ status: 'captured' });
    });

    it('puts each payout in one file: a second file with one of them is refused, naming it', async () => {
      const claims = [await capturedClaim(store, 'clm_1', 1_000, 0), await capturedClaim(store, 'clm_2', 2_000, 1)];
      const first = await payoutOf(store, 'po-1', [claims[0] as Claim]);
      await store.commitPayout(first);
      const second = await payoutOf(store, 'po-2', [claims[1] as Claim]);
      await store.commitPayout(second);
      const unfiled = await store.listPayoutsUnfiled(10);
      expect(unfiled.map((payout) => payout.payoutId)).toEqual(['po-1', 'po-2']);

      const file = planPayoutFile('pf-1', [first.payout], atSecond(40));
      expect(await store.commitPayoutFile(file)).toEqual({ kind: 'committed' });
      expect(await store.commitPayoutFile(planPayoutFile('pf-2', unfiled, atSecond(41)))).toEqual({
        kind: 'payouts_taken',
        payoutIds: ['po-1'],
      });
      expect((await store.listPayoutsUnfiled(10)).map((payout) => payout.payoutId)).toEqual(['po-2']);
      expect(
        (await store.listPayouts(noordProvider.providerId, { limit: 10 })).items.find(
          (payout) => payout.payoutId === 'po-1',
        )?.fileId,
      ).toBe('pf-1');

      expect(await store.listPayoutFilesUnwritten(10)).toEqual([file]);
      await store.markPayoutFileWritten('pf-1', atSecond(50));
      expect(await store.listPayoutFilesUnwritten(10)).toEqual([]);
      expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });

    it('records on each filed payout the name and IBAN its file pays, for a held payout re-pointed', async () => {
      const claim = await capturedClaim(store, 'clm_1', 1_000, 0);
      const plan = await payoutOf(store, 'po-1', [claim]);
      await store.commitPayout(plan);
      const repointed = { ...plan.payout, providerName: 'Noord Nieuw', iban: 'NL44RABO0123456789' };

      expect(await store.commitPayoutFile(planPayoutFile('pf-1', [repointed], atSecond(40)))).toEqual({
        kind: 'committed',
      });
      expect(await store.listPayouts(noordProvider.providerId, { limit: 10 })).toEqual({
        items: [{ ...repointed, fileId: 'pf-1' }],
      });
    });
  });
}
