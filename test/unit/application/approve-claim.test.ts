import { describe, expect, it } from 'vitest';
import { approveClaim } from '../../../functions/approve-claim/use-case.ts';
import type { Principal } from '../../../shared/auth/principal.ts';
import { MemoryLedgerStore } from '../../../shared/store/memory/memory-store.ts';
import { anna, claimFor, deposit, empty, snapshot, stap } from '../../contract/ledger-store/fixtures.ts';

/**
 * The approval deadline through the use case, with the in-memory store and a fixed clock: a
 * millisecond before `approveBefore` the claim is approved and its money held; at `approveBefore`
 * and after it the citizen gets `claim_not_approvable`, nothing moves, and the refusal is audited.
 */
const approveBefore = '2026-06-19T10:00:00.000Z';
const citizen: Principal = { role: 'citizen', personId: anna };
const stapPot = 'ocw#stap#never';

/** A store in which Anna has 1,000.00 in STAP and a claim of 300.00 that awaits her approval. */
async function awaitingApproval(): Promise<MemoryLedgerStore> {
  const store = new MemoryLedgerStore();
  await store.createScheme(stap);
  expect(await deposit(store, { scheme: stap, personId: anna, amountCents: 100_000, transferId: 'dep_1' })).toEqual({
    kind: 'committed',
  });
  const claim = { ...claimFor('clm_1', anna, 30_000), approveBefore };
  expect(await store.commit(empty, { claim: { claim } })).toEqual({ kind: 'committed' });
  return store;
}

/** Approves `clm_1` as Anna with the clock stopped at `at`. */
function approveAt(store: MemoryLedgerStore, at: number) {
  return approveClaim({ store, now: () => new Date(at) }, citizen, { claimId: 'clm_1', idempotencyKey: 'approve-1' });
}

describe('approveClaim at the approval deadline', () => {
  it('approves a millisecond before approveBefore and holds the money', async () => {
    const store = await awaitingApproval();

    const outcome = await approveAt(store, Date.parse(approveBefore) - 1);

    expect(outcome).toMatchObject({ ok: true, value: { statusCode: 200 } });
    expect(await store.getClaim('clm_1')).toMatchObject({ status: 'approved', updatedAt: '2026-06-19T09:59:59.999Z' });
    expect((await store.listPots(anna)).map((pot) => [pot.potId, pot.availableCents, pot.reservedCents])).toEqual([
      [stapPot, 70_000, 30_000],
    ]);
  });

  it.each([
    ['at approveBefore', 0],
    ['a millisecond after approveBefore', 1],
  ])('refuses %s with claim_not_approvable, moves nothing and audits the refusal', async (_, afterMs) => {
    const store = await awaitingApproval();
    const claimBefore = await store.getClaim('clm_1');
    const before = await snapshot(store, [anna], [stap]);
    const at = Date.parse(approveBefore) + afterMs;

    const outcome = await approveAt(store, at);

    expect(outcome).toEqual({
      ok: false,
      code: 'claim_not_approvable',
      detail: 'This claim is too old; it can no longer be approved.',
    });
    expect(await snapshot(store, [anna], [stap])).toEqual(before);
    expect((await store.listPots(anna)).map((pot) => [pot.potId, pot.availableCents, pot.reservedCents])).toEqual([
      [stapPot, 100_000, 0],
    ]);
    expect(await store.getClaim('clm_1')).toEqual(claimBefore);
    expect(await store.getIdempotencyRecord(`citizen:${anna}`, 'approve-1')).toBeUndefined();
    const audit = (await store.listAudit({ from: '2026-06-19', to: '2026-06-19' }, { limit: 10 })).items;
    expect(audit.map(({ auditId: _id, ...entry }) => entry)).toEqual([
      {
        at: new Date(at).toISOString(),
        actor: { role: 'citizen', personId: anna },
        action: 'claim_approve',
        subject: { claimId: 'clm_1', personId: anna, idempotencyKey: 'approve-1' },
        outcome: 'refused',
        code: 'claim_not_approvable',
      },
    ]);
  });
});
