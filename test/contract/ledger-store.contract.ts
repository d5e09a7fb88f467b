import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planDeposit } from '../../shared/ledger/deposit.ts';
import type { AuditRecord } from '../../shared/ledger/audit.ts';
import type { Employment } from '../../shared/ledger/employment.ts';
import type { Pot } from '../../shared/ledger/pot.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import { planPayout, planPayoutFile, type PayoutPlan } from '../../shared/ledger/payout.ts';
import type { Provider } from '../../shared/ledger/provider.ts';
import { planCapture, planRelease, planReservation } from '../../shared/ledger/reservation.ts';
import { planExpiry, planLeaveExpiryList, planRevocation } from '../../shared/ledger/return-to-funder.ts';
import type { Funder, Scheme } from '../../shared/ledger/scheme.ts';
import { initialBudgetShards } from '../../shared/ledger/scheme-totals.ts';
import { assertBalanced, type Movement, type Transfer } from '../../shared/ledger/transfer.ts';
import { encodeCursor } from '../../shared/store/cursor.ts';
import { InvalidCursorError, type CommitOptions, type CommitResult, type IdempotencyClaim, type LedgerStore } from '../../shared/store/ledger-store.ts';

/** What a contract run needs: a fresh, empty store, and how to dispose of it afterwards. */
export type StoreFactory = () => Promise<{ store: LedgerStore; cleanup?: () => Promise<void> }>;

const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
const bouwfonds: Funder = { funderId: 'bouwfonds', type: 'sector', name: 'Sectorfonds Bouw' };
const deVries: Funder = { funderId: 'kvk-12345678', type: 'employer', name: 'Bouwbedrijf De Vries' };

const today = '2026-05-20';
const createdAt = '2026-01-05T09:00:00.000Z';

function scheme(funder: Funder, schemeId: string, overrides: Partial<Scheme> = {}): Scheme {
  return { funder, schemeId, label: `${schemeId} label`, expiry: { kind: 'never' }, revocable: false, createdAt, ...overrides };
}

/** The STAP budget: public, never expires. */
const stap = scheme(ocw, 'stap', { categories: ['vakopleiding', 'taal'], maxPerCourseCents: 100_000 });
/** Sector money that expires on a fixed date. */
const bouw = scheme(bouwfonds, 'bouw-2027', { expiry: { kind: 'fixed', date: '2027-01-01' } });
/** An employer's money that returns when employment ends. */
const opleiding = scheme(deVries, 'opleiding', { expiry: { kind: 'afterMonths', months: 24 }, revocable: true });
/** A pilot with a small budget. */
const pilot = scheme(ocw, 'pilot', { budgetCents: 1_000 });

const anna = 'person-anna';
const bram = 'person-bram';
const employment: Employment = { employerId: deVries.funderId, personId: anna, startDate: '2025-01-01' };

/** The n-th second of the test day, as an ISO timestamp, so transfers sort by the order they were made. */
function atSecond(second: number): string {
  return new Date(Date.parse(`${today}T10:00:00.000Z`) + second * 1_000).toISOString();
}

interface DepositInput {
  readonly scheme: Scheme;
  readonly personId: string;
  readonly amountCents: number;
  readonly transferId: string;
  readonly at?: string;
  readonly shardStart?: number;
  /** Plan as if this employment had been read; by default, what the store holds now. */
  readonly employment?: Employment;
  /** Plan on these budget shards; by default, what the store holds now. */
  readonly shards?: Awaited<ReturnType<LedgerStore['getSchemeTotals']>>;
}

/** Reads what a deposit needs and plans it with the domain, as the create-deposit use case does. */
async function planDepositOn(store: LedgerStore, input: DepositInput): Promise<Movement> {
  const { scheme: target, personId } = input;
  const shards = input.shards ?? (target.budgetCents === undefined ? [] : await store.getSchemeTotals(target.funder.funderId, target.schemeId));
  const employed = input.employment ?? (target.funder.type === 'employer' ? await store.getEmployment(target.funder.funderId, personId) : undefined);
  const planned = planDeposit({
    transferId: input.transferId,
    scheme: target,
    personId,
    amountCents: input.amountCents,
    at: input.at ?? atSecond(0),
    today,
    shards,
    shardStart: input.shardStart ?? 0,
    ...(employed !== undefined && { employment: employed }),
  });
  if (!planned.ok) throw new Error(`test setup: the deposit was refused with ${planned.code}`);
  assertBalanced(planned.value.movement);
  return planned.value.movement;
}

async function deposit(store: LedgerStore, input: DepositInput, options?: CommitOptions): Promise<CommitResult> {
  return store.commit(await planDepositOn(store, input), options);
}

function potOf(pots: readonly Pot[], potId: string): Pot {
  const found = pots.find((candidate) => candidate.potId === potId);
  if (found === undefined) throw new Error(`no pot ${potId} among ${pots.map((candidate) => candidate.potId).join(', ')}`);
  return found;
}

/** Everything a commit could have written, to show that a refused commit wrote nothing. */
async function snapshot(store: LedgerStore, personIds: readonly string[], schemes: readonly Scheme[]) {
  return {
    pots: await Promise.all(personIds.map((personId) => store.listPots(personId))),
    transfers: await Promise.all(personIds.map(async (personId) => (await store.listTransfers(personId, { limit: 200 })).items)),
    totals: await Promise.all(schemes.map((each) => store.getSchemeTotals(each.funder.funderId, each.schemeId))),
    employments: await Promise.all(personIds.map((personId) => store.getEmployment(deVries.funderId, personId))),
    reconciliation: await store.reconcile(),
  };
}

function claim(key: string, requestHash: string, body: unknown, scope = 'funder:ocw'): IdempotencyClaim {
  return { scope, key, requestHash, response: { statusCode: 201, body }, createdAt: atSecond(0) };
}

/** Attempts per commit in the concurrency tests before the test gives up on a store that keeps conflicting. */
const conflictRetriesMax = 200;

/**
 * Commits, trying again while the store answers `conflict` (another transaction touched the same
 * items). Every other answer is final, as it is for the use cases.
 */
async function commitRetryingConflicts(store: LedgerStore, movement: Movement, options?: CommitOptions): Promise<CommitResult> {
  for (let attempt = 1; attempt <= conflictRetriesMax; attempt += 1) {
    const result = await store.commit(movement, options);
    if (result.kind !== 'conflict') return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
  }
  throw new Error(`still conflicting after ${conflictRetriesMax} attempts`);
}


const noordProvider: Provider = { providerId: 'opleidingen-noord', name: 'Opleidingen Noord', kvk: '87654321', iban: 'NL91ABNA0417164300', status: 'active', updatedAt: createdAt };
const empty: Movement = { transfers: [], potChanges: [], totalChanges: [] };

function claimFor(claimId: string, personId: string, amountCents: number): Claim {
  return {
    claimId,
    providerId: noordProvider.providerId,
    providerName: noordProvider.name,
    personId,
    courseId: 'lassen-1',
    courseTitle: 'Lassen voor beginners',
    category: 'vakopleiding',
    amountCents,
    startDate: today,
    status: 'awaiting_approval',
    createdAt: atSecond(0),
    updatedAt: atSecond(0),
    approveBefore: '2026-06-19T10:00:00.000Z',
  };
}

/** Creates a claim and reserves it in one pot, as the create and approve use cases do. */
async function approvedClaim(store: LedgerStore, claimId: string, personId: string, potId: string, amountCents: number): Promise<Claim> {
  const created = claimFor(claimId, personId, amountCents);
  expect(await store.commit(empty, { claim: { claim: created } })).toEqual({ kind: 'committed' });
  const pots = await store.listPots(personId);
  const pot = potOf(pots, potId);
  const allocation = { parts: [{ potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents }], ownContributionCents: 0 };
  const approved: Claim = { ...created, status: 'approved', updatedAt: atSecond(1), parts: allocation.parts, ownContributionCents: 0, captureBefore: '2026-11-16T23:59:59.999Z' };
  expect(await store.commit(planReservation(approved, allocation, pots, atSecond(1)), { claim: { claim: approved, expectedStatus: 'awaiting_approval' } })).toEqual({ kind: 'committed' });
  return approved;
}

/** Creates, approves and captures a claim on Anna's STAP pot, the payable on `shard`. */
async function capturedClaim(store: LedgerStore, claimId: string, amountCents: number, shard: number): Promise<Claim> {
  const approved = await approvedClaim(store, claimId, anna, 'ocw#stap#never', amountCents);
  const captured: Claim = { ...approved, status: 'captured', updatedAt: atSecond(2), capturedCents: amountCents, evidence: { kind: 'completion', date: today } };
  const movement = planCapture(captured, amountCents, await store.listPots(anna), atSecond(2), shard);
  expect(await store.commit(movement, { claim: { claim: captured, expectedStatus: 'approved' } })).toEqual({ kind: 'committed' });
  return captured;
}

async function payoutOf(store: LedgerStore, payoutId: string, claims: readonly Claim[]): Promise<PayoutPlan> {
  const plan = planPayout({ payoutId, provider: noordProvider, claims, payableShards: await store.getPayableShards(noordProvider.providerId), at: atSecond(30) });
  if (plan === undefined) throw new Error('test setup: the payable shards do not cover the claims');
  return plan;
}

/**
 * The behaviour every {@link LedgerStore} adapter must have. Each test gets a fresh, empty store
 * from `makeStore`, so counts in reconciliation are exact.
 */
export function describeLedgerStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let store: LedgerStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    describe('createScheme', () => {
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
        expect(totals.every((shard) => shard.balanceCents === 0 && shard.depositedCents === 0 && shard.returnedCents === 0 && shard.expiredCents === 0)).toBe(true);
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
      beforeEach(async () => {
        // Created out of order: the list is ordered by scheme id, not by creation.
        for (const schemeId of ['c-scheme', 'a-scheme', 'e-scheme', 'b-scheme', 'd-scheme']) {
          await store.createScheme(scheme(ocw, schemeId));
        }
        await store.createScheme(scheme(bouwfonds, 'b-sector'));
      });

      it('pages through one funder\'s schemes in id order; the last page has no cursor', async () => {
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
        { cursor: Buffer.from(JSON.stringify({ sk: 42 })).toString('base64url'), what: 'a cursor with a number for a key' },
        { cursor: Buffer.from(JSON.stringify({ pk: 'FUNDER#bouwfonds' })).toString('base64url'), what: 'a cursor without a sort key' },
      ])('refuses $what as a cursor with InvalidCursorError', async ({ cursor }) => {
        await expect(store.listSchemes(ocw.funderId, { limit: 2, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('employment', () => {
      it('starts an employment once; starting it again while it is ongoing is `exists`', async () => {
        expect(await store.startEmployment(employment)).toBe('created');
        expect(await store.startEmployment({ ...employment, startDate: '2026-02-01' })).toBe('exists');

        expect(await store.getEmployment(deVries.funderId, anna)).toEqual(employment);
        expect(await store.getEmployment(deVries.funderId, bram)).toBeUndefined();
      });

      it('ends an ongoing employment by setting its end date', async () => {
        await store.startEmployment(employment);

        expect(await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } })).toEqual({ kind: 'committed' });
        expect(await store.getEmployment(deVries.funderId, anna)).toEqual({ ...employment, endDate: today });
      });

      it('refuses to end an employment that already ended, or never existed, with `employment_changed`', async () => {
        await store.startEmployment(employment);
        const ending: CommitOptions = { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: '2026-04-30' } };
        await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, ending);

        expect(await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } })).toEqual({ kind: 'employment_changed' });
        expect((await store.getEmployment(deVries.funderId, anna))?.endDate).toBe('2026-04-30');
        expect(await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { endEmployment: { employerId: deVries.funderId, personId: bram, endDate: today } })).toEqual({ kind: 'employment_changed' });
        expect(await store.getEmployment(deVries.funderId, bram)).toBeUndefined();
      });

      it('re-hires after the employment ended: the new employment replaces the ended one', async () => {
        await store.startEmployment(employment);
        await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: '2026-01-31' } });

        expect(await store.startEmployment({ ...employment, startDate: '2026-05-01' })).toBe('created');
        expect(await store.getEmployment(deVries.funderId, anna)).toEqual({ employerId: deVries.funderId, personId: anna, startDate: '2026-05-01' });
      });
    });

    describe('commit', () => {
      it('writes a deposit: the pot, the scheme totals and the transfer', async () => {
        await store.createScheme(stap);
        const movement = await planDepositOn(store, { scheme: stap, personId: anna, amountCents: 125_000, transferId: 'dep_1', shardStart: 6 });

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
        expect(potOf(pots, 'bouwfonds#bouw-2027#2027-01-01')).toMatchObject({ expiresAt: '2027-01-01', availableCents: 750, reservedCents: 0 });
        const totals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
        expect(totals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(-750);
      });

      it('keeps the idempotency record with the movement', async () => {
        await store.createScheme(stap);
        await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' }, { idempotency: claim('key-1', 'hash-1', { depositId: 'dep_1', amount: 100 }) });

        expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toEqual({ requestHash: 'hash-1', response: { statusCode: 201, body: { depositId: 'dep_1', amount: 100 } } });
        expect(await store.getIdempotencyRecord('funder:ocw', 'key-2')).toBeUndefined();
      });

      it('answers a reused idempotency key with `key_exists` and the first record, and writes nothing else', async () => {
        await store.createScheme(stap);
        await store.createScheme(bouw);
        const first = claim('key-1', 'hash-1', { depositId: 'dep_1', amount: 100 });
        await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' }, { idempotency: first });
        const before = await snapshot(store, [anna, bram], [stap, bouw]);

        // The same key with another movement altogether (another person, scheme and amount).
        const result = await deposit(store, { scheme: bouw, personId: bram, amountCents: 999, transferId: 'dep_2' }, { idempotency: claim('key-1', 'hash-2', { depositId: 'dep_2' }) });

        expect(result).toEqual({ kind: 'key_exists', record: { requestHash: 'hash-1', response: first.response } });
        expect(await snapshot(store, [anna, bram], [stap, bouw])).toEqual(before);
        expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toEqual({ requestHash: 'hash-1', response: first.response });
      });

      it('keeps idempotency keys apart per scope: another client may use the same key', async () => {
        await store.createScheme(stap);
        await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' }, { idempotency: claim('key-1', 'hash-1', {}, 'funder:ocw') });

        expect(await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_2' }, { idempotency: claim('key-1', 'hash-1', {}, 'employer:other') })).toEqual({ kind: 'committed' });
        expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(200);
      });

      it('refuses to take more than a pot has available with `insufficient_funds`, and writes nothing', async () => {
        await store.createScheme(opleiding);
        await store.startEmployment(employment);
        await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' });
        const [held] = await store.listPots(anna);
        if (held === undefined) throw new Error('test setup: no pot');
        const before = await snapshot(store, [anna], [opleiding]);

        // Planned on a stale read that saw 150 in the pot.
        const { movement } = planRevocation([{ ...held, availableCents: 150 }], deVries.funderId, atSecond(5), () => 'rev_1', 2);
        const result = await store.commit(movement, { idempotency: claim('key-rev', 'hash-rev', {}, 'employer:kvk-12345678') });

        expect(result).toEqual({ kind: 'insufficient_funds' });
        expect(await snapshot(store, [anna], [opleiding])).toEqual(before);
        expect(before.reconciliation).toMatchObject({ balanced: true, sum: 0 });
        // A refused commit does not keep its idempotency key either: the request may be judged anew.
        expect(await store.getIdempotencyRecord('employer:kvk-12345678', 'key-rev')).toBeUndefined();
      });

      it('refuses to take money from a pot that does not exist with `insufficient_funds`', async () => {
        const ghost: Pot = { personId: bram, potId: 'ocw#stap#never', schemeId: 'stap', label: 'stap label', funder: ocw, revocable: false, availableCents: 10, reservedCents: 0 };
        const movement = planExpiry({ ...ghost, expiresAt: '2026-01-01' }, atSecond(1), today, 0);
        if (movement === undefined) throw new Error('test setup: nothing to expire');

        expect(await store.commit(movement)).toEqual({ kind: 'insufficient_funds' });
        expect(await store.listPots(bram)).toEqual([]);
        expect(await store.reconcile()).toMatchObject({ balanced: true, accounts: 0, transfers: 0 });
      });

      it('refuses a deposit beyond a budget shard\'s remaining budget with `budget_exceeded`, and writes nothing', async () => {
        await store.createScheme(pilot, initialBudgetShards(1_000));
        const stale = await store.getSchemeTotals(ocw.funderId, 'pilot');
        expect(await deposit(store, { scheme: pilot, personId: anna, amountCents: 80, transferId: 'dep_1', shardStart: 4, shards: stale })).toEqual({ kind: 'committed' });
        const before = await snapshot(store, [anna, bram], [pilot]);

        // Planned on the same read as the first deposit: shard 4 seemed to have 100 left, but has 20.
        const result = await deposit(store, { scheme: pilot, personId: bram, amountCents: 80, transferId: 'dep_2', shardStart: 4, shards: stale }, { idempotency: claim('key-2', 'hash-2', {}) });

        expect(result).toEqual({ kind: 'budget_exceeded' });
        expect(await snapshot(store, [anna, bram], [pilot])).toEqual(before);
        expect((await store.getSchemeTotals(ocw.funderId, 'pilot'))[4]?.budgetRemainingCents).toBe(20);
        expect(await store.getIdempotencyRecord('funder:ocw', 'key-2')).toBeUndefined();
      });

      it('refuses an employer deposit with `not_employed` when the employment is not there', async () => {
        await store.createScheme(opleiding);

        // Planned as if the employment had been read; the store has none.
        const result = await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1', employment });

        expect(result).toEqual({ kind: 'not_employed' });
        expect(await store.listPots(anna)).toEqual([]);
        expect(await store.getSchemeTotals(deVries.funderId, opleiding.schemeId)).toEqual([]);
      });

      it('refuses an employer deposit with `not_employed` when the employment ended after it was read', async () => {
        await store.createScheme(opleiding);
        await store.startEmployment(employment);
        const movement = await planDepositOn(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' });
        await store.commit({ transfers: [], potChanges: [], totalChanges: [] }, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } });

        expect(await store.commit(movement)).toEqual({ kind: 'not_employed' });
        expect(await store.listPots(anna)).toEqual([]);
      });

      it('writes an employer deposit while the employment is ongoing', async () => {
        await store.createScheme(opleiding);
        await store.startEmployment(employment);

        expect(await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' })).toEqual({ kind: 'committed' });
        expect(potOf(await store.listPots(anna), 'kvk-12345678#opleiding#2028-05-20')).toMatchObject({ revocable: true, availableCents: 100 });
      });

      it('ends the employment and returns revocable money in one transaction', async () => {
        await store.createScheme(opleiding);
        await store.createScheme(stap);
        await store.startEmployment(employment);
        await deposit(store, { scheme: opleiding, personId: anna, amountCents: 700, transferId: 'dep_1' });
        await deposit(store, { scheme: stap, personId: anna, amountCents: 300, transferId: 'dep_2' });

        const { movement, returnedCents } = planRevocation(await store.listPots(anna), deVries.funderId, atSecond(9), (pot) => `rev_req1_${pot.potId}`, 3);
        const result = await store.commit(movement, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } });

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
        const later = planDeposit({ transferId: 'dep_2', scheme: opleiding, personId: anna, amountCents: 200, at: '2026-06-02T08:00:00.000Z', today: '2026-06-02', shards: [], shardStart: 0, employment });
        if (!later.ok) throw new Error(later.detail);
        await store.commit(later.value.movement);

        const { movement } = planRevocation(await store.listPots(anna), deVries.funderId, atSecond(9), (pot) => `rev_req1_${pot.potId}`, 3);
        expect(movement.potChanges).toHaveLength(2);
        expect(await store.commit(movement, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: today } })).toEqual({ kind: 'committed' });

        expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([0, 0]);
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, transfers: 4 });
      });

      it('refuses the same transfer (same id, same time) a second time, as a conflict', async () => {
        await store.createScheme(stap);
        const movement = await planDepositOn(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' });
        await store.commit(movement);

        expect(await store.commit(movement)).toEqual({ kind: 'conflict' });
        expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(100);
      });
    });

    describe('listTransfers', () => {
      it('lists a person\'s transfers newest first, page by page', async () => {
        await store.createScheme(stap);
        for (const second of [3, 1, 5, 2, 4]) {
          await deposit(store, { scheme: stap, personId: anna, amountCents: second * 100, transferId: `dep_${second}`, at: atSecond(second) });
        }
        await deposit(store, { scheme: stap, personId: bram, amountCents: 1, transferId: 'dep_bram', at: atSecond(9) });

        const seen: Transfer[][] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listTransfers(anna, { limit: 2, ...(cursor !== undefined && { cursor }) });
          seen.push(page.items);
          cursor = page.nextCursor;
        } while (cursor !== undefined);

        expect(seen.map((page) => page.map((transfer) => transfer.transferId))).toEqual([['dep_5', 'dep_4'], ['dep_3', 'dep_2'], ['dep_1']]);
        expect(seen.flat().map((transfer) => transfer.amountCents)).toEqual([500, 400, 300, 200, 100]);
      });

      it('is empty for a person without transfers', async () => {
        expect(await store.listTransfers(bram, { limit: 10 })).toEqual({ items: [] });
      });

      it('refuses a cursor from the scheme list', async () => {
        await store.createScheme(stap);
        await store.createScheme(scheme(ocw, 'tweede'));
        const { nextCursor } = await store.listSchemes(ocw.funderId, { limit: 1 });

        await expect(store.listTransfers(anna, { limit: 1, cursor: nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('reconcile', () => {
      it('finds an empty ledger balanced', async () => {
        expect(await store.reconcile()).toEqual({ balanced: true, accounts: 0, transfers: 0, sum: 0, mismatchedAccounts: [] });
      });

      it('finds the ledger balanced after deposits, an expiry and a revocation', async () => {
        for (const each of [stap, bouw, opleiding]) await store.createScheme(each);
        await store.createScheme(pilot, initialBudgetShards(1_000));
        await store.startEmployment(employment);
        await store.startEmployment({ ...employment, personId: bram });
        const deposits: Array<[string, Scheme, number]> = [
          [anna, stap, 100],
          [anna, bouw, 200],
          [anna, opleiding, 300],
          [anna, pilot, 40],
          [bram, stap, 500],
          [bram, bouw, 600],
          [bram, opleiding, 700],
          [bram, pilot, 80],
        ];
        for (const [second, [personId, each, amountCents]] of deposits.entries()) {
          const result = await deposit(store, { scheme: each, personId, amountCents, transferId: `dep_${second}`, at: atSecond(second), shardStart: second });
          expect(result).toEqual({ kind: 'committed' });
        }

        // The sector money expires on 1 January 2027 for both people.
        for (const personId of [anna, bram]) {
          const movement = planExpiry(potOf(await store.listPots(personId), 'bouwfonds#bouw-2027#2027-01-01'), '2027-01-01T01:00:00.000Z', '2027-01-01', 5);
          if (movement === undefined) throw new Error('test setup: nothing expired');
          expect(await store.commit(movement)).toEqual({ kind: 'committed' });
        }
        // Anna leaves De Vries; her revocable money returns.
        const { movement, returnedCents } = planRevocation(await store.listPots(anna), deVries.funderId, '2027-01-02T09:00:00.000Z', (pot) => `rev_${pot.potId}`, 8);
        expect(await store.commit(movement, { endEmployment: { employerId: deVries.funderId, personId: anna, endDate: '2027-01-02' } })).toEqual({ kind: 'committed' });
        expect(returnedCents).toBe(300);

        // 2 people × 4 pots, and 4 funder accounts.
        expect(await store.reconcile()).toEqual({ balanced: true, accounts: 12, transfers: 8 + 2 + 1, sum: 0, mismatchedAccounts: [] });
        const bouwTotals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
        expect(bouwTotals.reduce((sum, shard) => sum + shard.expiredCents, 0)).toBe(200 + 600);
        expect(bouwTotals.reduce((sum, shard) => sum + shard.depositedCents, 0)).toBe(200 + 600);
        const pilotTotals = await store.getSchemeTotals(ocw.funderId, pilot.schemeId);
        expect(pilotTotals.reduce((sum, shard) => sum + (shard.budgetRemainingCents ?? 0), 0)).toBe(1_000 - 40 - 80);
        const opleidingTotals = await store.getSchemeTotals(deVries.funderId, opleiding.schemeId);
        // Bram still works there: only Anna's 300 came back.
        expect(opleidingTotals.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(-700);
      });
    });

    describe('the pot expiry work list', () => {
      it('lists pots with money and an expiry date once that date is before the given day, earliest first', async () => {
        await store.createScheme(stap);
        await store.createScheme(bouw);
        await store.createScheme(scheme(bouwfonds, 'bouw-2026', { expiry: { kind: 'fixed', date: '2026-12-01' } }));
        await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' });
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 200, transferId: 'dep_2' });
        await deposit(store, { scheme: bouw, personId: bram, amountCents: 300, transferId: 'dep_3' });
        await deposit(store, { scheme: scheme(bouwfonds, 'bouw-2026', { expiry: { kind: 'fixed', date: '2026-12-01' } }), personId: bram, amountCents: 400, transferId: 'dep_4' });

        expect(await store.listPotsDue('2026-12-01', 10)).toEqual([]);
        expect((await store.listPotsDue('2026-12-02', 10)).map((pot) => [pot.personId, pot.potId, pot.availableCents])).toEqual([[bram, 'bouwfonds#bouw-2026#2026-12-01', 400]]);
        const due = await store.listPotsDue('2027-01-02', 10);
        expect(due.map((pot) => pot.expiresAt)).toEqual(['2026-12-01', '2027-01-01', '2027-01-01']);
        // The money that never expires is never listed.
        expect(due.some((pot) => pot.potId === 'ocw#stap#never')).toBe(false);
        expect(due[1]).toEqual(potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01'));
        expect(await store.listPotsDue('2027-01-02', 2)).toHaveLength(2);
      });

      it('takes a pot off the list when its expiry takes everything available, and puts it back when a release adds money', async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        const approved = await approvedClaim(store, 'clm_1', anna, 'bouwfonds#bouw-2027#2027-01-01', 200);

        const expiry = planExpiry(potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01'), '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
        expect(expiry?.transfers[0]?.amountCents).toBe(300);
        expect(await store.commit(expiry ?? empty)).toEqual({ kind: 'committed' });
        expect(await store.listPotsDue('2027-01-02', 10)).toEqual([]);

        const expired: Claim = { ...approved, status: 'expired', updatedAt: '2027-01-05T01:00:00.000Z' };
        expect(await store.commit(planRelease(expired, await store.listPots(anna), expired.updatedAt), { claim: { claim: expired, expectedStatus: 'approved' } })).toEqual({ kind: 'committed' });
        const listed = await store.listPotsDue('2027-01-06', 10);
        expect(listed.map((pot) => [pot.availableCents, pot.reservedCents])).toEqual([[200, 0]]);

        // A later run expires the released money under its own id.
        const second = planExpiry(listed[0] as Pot, '2027-01-06T01:00:00.000Z', '2027-01-06', 1);
        expect(await store.commit(second ?? empty)).toEqual({ kind: 'committed' });
        expect(await store.listPotsDue('2027-01-07', 10)).toEqual([]);
        expect(potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01')).toMatchObject({ availableCents: 0, reservedCents: 0 });
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
      });

      it('refuses an expiry planned on a stale read with `insufficient_funds`: it must take exactly what is available', async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        const stale = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 50, transferId: 'dep_2', at: atSecond(3) });

        const movement = planExpiry(stale, '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
        expect(await store.commit(movement ?? empty)).toEqual({ kind: 'insufficient_funds' });
        expect((await store.listPotsDue('2027-01-02', 10)).map((pot) => pot.availableCents)).toEqual([550]);
      });

      it('lets two expiries of the same pot planned on the same read write once', async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        const read = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');
        const first = planExpiry(read, '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
        const second = planExpiry(read, '2027-01-01T01:00:01.000Z', '2027-01-01', 3);

        const results = await Promise.all([commitRetryingConflicts(store, first ?? empty), commitRetryingConflicts(store, second ?? empty)]);

        expect(results.map((result) => result.kind).sort()).toEqual(['committed', 'insufficient_funds']);
        const totals = await store.getSchemeTotals(bouwfonds.funderId, bouw.schemeId);
        expect(totals.reduce((sum, shard) => sum + shard.expiredCents, 0)).toBe(500);
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
      });

      it('takes an expired pot with nothing available off the list without moving money, unless money arrived', async () => {
        await store.createScheme(bouw);
        await deposit(store, { scheme: bouw, personId: anna, amountCents: 500, transferId: 'dep_1' });
        await approvedClaim(store, 'clm_1', anna, 'bouwfonds#bouw-2027#2027-01-01', 500);
        const spent = potOf(await store.listPots(anna), 'bouwfonds#bouw-2027#2027-01-01');

        await deposit(store, { scheme: bouw, personId: anna, amountCents: 70, transferId: 'dep_2', at: atSecond(4) });
        expect(await store.commit(planLeaveExpiryList(spent, '2027-01-01') ?? empty)).toEqual({ kind: 'insufficient_funds' });
        expect(await store.listPotsDue('2027-01-02', 10)).toHaveLength(1);

        const expiry = planExpiry(potOf(await store.listPots(anna), spent.potId), '2027-01-01T01:00:00.000Z', '2027-01-01', 0);
        await store.commit(expiry ?? empty);
        expect(await store.listPotsDue('2027-01-02', 10)).toEqual([]);
        expect(planLeaveExpiryList(potOf(await store.listPots(anna), spent.potId), '2027-01-01')).toBeDefined();
        expect(await store.commit(planLeaveExpiryList(potOf(await store.listPots(anna), spent.potId), '2027-01-01') ?? empty)).toEqual({ kind: 'committed' });
        expect(potOf(await store.listPots(anna), spent.potId)).toMatchObject({ availableCents: 0, reservedCents: 500 });
      });
    });

    describe('payouts', () => {
      beforeEach(async () => {
        await store.putProvider(noordProvider);
        await store.createScheme(stap);
        await deposit(store, { scheme: stap, personId: anna, amountCents: 10_000, transferId: 'dep_1' });
      });

      it('pays captured claims in one transaction: the payout, the claims `paid`, the payable down to zero', async () => {
        const claims = [await capturedClaim(store, 'clm_1', 1_250, 3), await capturedClaim(store, 'clm_2', 4_000, 7)];
        expect((await store.getPayableShards(noordProvider.providerId)).reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(5_250);
        expect((await store.listClaimsDue('captured', atSecond(60), 10)).map((claim) => claim.claimId).sort()).toEqual(['clm_1', 'clm_2']);

        const plan = await payoutOf(store, 'po-1', claims);
        expect(await store.commitPayout(plan)).toEqual({ kind: 'committed' });

        expect(await store.getClaim('clm_1')).toMatchObject({ status: 'paid', payoutId: 'po-1' });
        expect(await store.getClaim('clm_2')).toMatchObject({ status: 'paid', payoutId: 'po-1' });
        expect(await store.listClaimsDue('captured', atSecond(60), 10)).toEqual([]);
        expect((await store.getPayableShards(noordProvider.providerId)).every((shard) => shard.balanceCents === 0)).toBe(true);
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
        expect((await store.listPayouts(noordProvider.providerId, { limit: 10 })).items.map((payout) => payout.payoutId)).toEqual(['po-1']);
        expect((await store.getPayableShards(noordProvider.providerId)).reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(1_000);
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
      });

      it('refuses a payout the payable shards do not cover with `insufficient_funds`', async () => {
        const claim = await capturedClaim(store, 'clm_1', 1_000, 0);
        const plan = await payoutOf(store, 'po-1', [claim]);
        const greedy: PayoutPlan = { ...plan, payableChanges: [{ providerId: noordProvider.providerId, shard: 0, balanceDeltaCents: -1_001 }] };

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
        expect(await store.commitPayoutFile(planPayoutFile('pf-2', unfiled, atSecond(41)))).toEqual({ kind: 'payouts_taken', payoutIds: ['po-1'] });
        expect((await store.listPayoutsUnfiled(10)).map((payout) => payout.payoutId)).toEqual(['po-2']);
        expect((await store.listPayouts(noordProvider.providerId, { limit: 10 })).items.find((payout) => payout.payoutId === 'po-1')?.fileId).toBe('pf-1');

        expect(await store.listPayoutFilesUnwritten(10)).toEqual([file]);
        await store.markPayoutFileWritten('pf-1', atSecond(50));
        expect(await store.listPayoutFilesUnwritten(10)).toEqual([]);
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
      });
    });

    describe('under concurrency', () => {
      // One client per store: 50 in flight is within the SDK's default socket pool.
      const commitsInFlight = 50;

      it(`lands all of ${commitsInFlight} concurrent deposits into one pot when each retries on conflict`, async () => {
        await store.createScheme(stap);
        const movements = await Promise.all(
          Array.from({ length: commitsInFlight }, (_, index) =>
            planDepositOn(store, { scheme: stap, personId: anna, amountCents: index + 1, transferId: `dep_${index}`, shardStart: index }),
          ),
        );

        const results = await Promise.all(
          movements.map((movement, index) => commitRetryingConflicts(store, movement, { idempotency: claim(`key-${index}`, `hash-${index}`, { index }) })),
        );

        expect(results.every((result) => result.kind === 'committed')).toBe(true);
        const expectedCents = (commitsInFlight * (commitsInFlight + 1)) / 2;
        expect(potOf(await store.listPots(anna), 'ocw#stap#never').availableCents).toBe(expectedCents);
        expect((await store.listTransfers(anna, { limit: 200 })).items).toHaveLength(commitsInFlight);
        const totals = await store.getSchemeTotals(ocw.funderId, 'stap');
        expect(totals.reduce((sum, shard) => sum + shard.depositedCents, 0)).toBe(expectedCents);
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, transfers: commitsInFlight });
      });

      it(`lets exactly 10 of ${commitsInFlight} concurrent takes of 10 cents from a pot of 100 through, never below zero`, async () => {
        await store.createScheme(opleiding);
        await store.startEmployment(employment);
        await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1' });
        const [held] = await store.listPots(anna);
        if (held === undefined) throw new Error('test setup: no pot');

        // Every taker saw the pot and plans to take 10 of it back to the funder.
        const takes = Array.from({ length: commitsInFlight }, (_, index) =>
          planRevocation([{ ...held, availableCents: 10 }], deVries.funderId, atSecond(10), () => `rev_${index}`, index).movement,
        );
        let racing = true;
        const observed: number[] = [];
        const observer = (async () => {
          while (racing) {
            for (const pot of await store.listPots(anna)) observed.push(pot.availableCents);
          }
        })();

        const results = await Promise.all(takes.map((movement) => commitRetryingConflicts(store, movement)));
        racing = false;
        await observer;

        const kinds = results.map((result) => result.kind);
        expect(kinds.filter((kind) => kind === 'committed')).toHaveLength(10);
        expect(kinds.filter((kind) => kind === 'insufficient_funds')).toHaveLength(commitsInFlight - 10);
        expect(potOf(await store.listPots(anna), held.potId).availableCents).toBe(0);
        expect(observed.every((availableCents) => availableCents >= 0)).toBe(true);
        const totals = await store.getSchemeTotals(deVries.funderId, opleiding.schemeId);
        expect(totals.reduce((sum, shard) => sum + shard.returnedCents, 0)).toBe(100);
        expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, transfers: 11, mismatchedAccounts: [] });
      });
    });

    describe('audit trail', () => {
      function entry(auditId: string, at: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
        return {
          auditId,
          at,
          actor: { role: 'funder', clientId: 'funder-ocw', orgId: ocw.funderId },
          action: 'deposit',
          subject: { personId: anna, funderId: ocw.funderId, schemeId: 'stap' },
          amountCents: 100,
          outcome: 'succeeded',
          ...overrides,
        };
      }
      const may = { from: '2026-05-01', to: '2026-05-31' };

      it('writes the audit entry in the same transaction as the movement', async () => {
        await store.createScheme(stap);
        const audit = entry('aud_1', atSecond(0));

        expect(await deposit(store, { scheme: stap, personId: anna, amountCents: 100, transferId: 'dep_1' }, { audit })).toEqual({ kind: 'committed' });

        expect(await store.listAudit(may, { limit: 10 })).toEqual({ items: [audit] });
      });

      it('writes no audit entry when the movement is refused', async () => {
        await store.createScheme(opleiding);
        const employed = await store.getEmployment(deVries.funderId, anna);
        expect(employed).toBeUndefined();

        const result = await deposit(store, { scheme: opleiding, personId: anna, amountCents: 100, transferId: 'dep_1', employment }, { audit: entry('aud_1', atSecond(0)) });

        expect(result).toEqual({ kind: 'not_employed' });
        expect(await store.listAudit(may, { limit: 10 })).toEqual({ items: [] });
      });

      it('writes a provider registration and its audit entry together', async () => {
        const audit = entry('aud_p', atSecond(0), { actor: { role: 'auditor', clientId: 'auditor-demo', orgId: 'audit' }, action: 'provider_register', subject: { providerId: noordProvider.providerId, status: 'active' } });
        delete (audit as { amountCents?: number }).amountCents;

        await store.putProvider(noordProvider, audit);

        expect(await store.getProvider(noordProvider.providerId)).toEqual(noordProvider);
        expect((await store.listAudit(may, { limit: 10 })).items).toEqual([audit]);
      });

      it('lists the entries of a period oldest first, page by page across days and shards, and nothing outside it', async () => {
        const inside = Array.from({ length: 25 }, (_, index) =>
          entry(`aud_${index.toString().padStart(2, '0')}`, new Date(Date.parse('2026-05-10T23:59:50.000Z') + index * 1_000).toISOString()),
        );
        const outside = [entry('aud_before', '2026-04-30T23:59:59.999Z'), entry('aud_after', '2026-06-01T00:00:00.000Z')];
        for (const record of [...outside, ...[...inside].reverse()]) await store.recordAudit(record);

        const seen: AuditRecord[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.listAudit(may, { limit: 10, ...(cursor !== undefined && { cursor }) });
          seen.push(...page.items);
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== undefined);

        expect(pages).toBe(3);
        expect(seen).toEqual(inside);
      });

      it('lists only the days asked for', async () => {
        await store.recordAudit(entry('aud_a', '2026-05-01T08:00:00.000Z'));
        await store.recordAudit(entry('aud_b', '2026-05-02T08:00:00.000Z'));
        await store.recordAudit(entry('aud_c', '2026-05-03T08:00:00.000Z'));

        const page = await store.listAudit({ from: '2026-05-02', to: '2026-05-02' }, { limit: 10 });

        expect(page.items.map((record) => record.auditId)).toEqual(['aud_b']);
        expect(page.nextCursor).toBeUndefined();
      });

      it('refuses a cursor from another list', async () => {
        await expect(store.listAudit(may, { limit: 10, cursor: encodeCursor('TX#2026-05-20') })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('claim counter', () => {
      const counter = { providerId: noordProvider.providerId, courseId: 'lassen-1', year: '2026', max: 3 };

      it('counts claims up to the cap, then refuses with `claim_limit_reached` and writes nothing', async () => {
        for (let index = 1; index <= 3; index += 1) {
          expect(await store.commit(empty, { claim: { claim: claimFor(`clm_${index}`, anna, 100) }, claimCounter: counter })).toEqual({ kind: 'committed' });
        }
        expect(await store.getClaimCount(counter.providerId, counter.courseId, '2026')).toBe(3);

        expect(await store.commit(empty, { claim: { claim: claimFor('clm_4', anna, 100) }, claimCounter: counter })).toEqual({ kind: 'claim_limit_reached' });

        expect(await store.getClaim('clm_4')).toBeUndefined();
        expect(await store.getClaimCount(counter.providerId, counter.courseId, '2026')).toBe(3);
        // Another year and another course have counts of their own.
        expect(await store.getClaimCount(counter.providerId, counter.courseId, '2027')).toBe(0);
        expect(await store.commit(empty, { claim: { claim: claimFor('clm_5', anna, 100) }, claimCounter: { ...counter, courseId: 'vca-basis' } })).toEqual({ kind: 'committed' });
      });

      it('lets exactly 3 of 10 concurrent claims against a cap of 3 through', async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) => commitRetryingConflicts(store, empty, { claim: { claim: claimFor(`clm_${index}`, anna, 100) }, claimCounter: counter })),
        );

        const kinds = results.map((result) => result.kind);
        expect(kinds.filter((kind) => kind === 'committed')).toHaveLength(3);
        expect(kinds.filter((kind) => kind === 'claim_limit_reached')).toHaveLength(7);
        expect(await store.getClaimCount(counter.providerId, counter.courseId, '2026')).toBe(3);
      });
    });

    describe('person profile', () => {
      it('keeps the first visit only', async () => {
        expect(await store.getPersonProfile(anna)).toBeUndefined();

        await store.recordFirstSeen(anna, atSecond(0));
        await store.recordFirstSeen(anna, atSecond(5));

        expect(await store.getPersonProfile(anna)).toEqual({ firstSeenAt: atSecond(0) });
        expect(await store.getPersonProfile(bram)).toBeUndefined();
      });
    });
  });
}
