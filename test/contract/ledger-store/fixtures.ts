import { afterEach, beforeEach, expect } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { planDeposit } from '../../../shared/ledger/deposit.ts';
import type { Employment } from '../../../shared/ledger/employment.ts';
import { type PayoutPlan, planPayout } from '../../../shared/ledger/payout.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import type { Provider } from '../../../shared/ledger/provider.ts';
import { planCapture, planReservation } from '../../../shared/ledger/reservation.ts';
import type { Funder, Scheme } from '../../../shared/ledger/scheme.ts';
import type { SchemeTotalShard } from '../../../shared/ledger/scheme-totals.ts';
import { assertBalanced, type Movement, type Transfer } from '../../../shared/ledger/transfer.ts';
import type { CommitOptions, CommitResult, IdempotencyClaim, LedgerStore } from '../../../shared/store/ledger-store.ts';

/**
 * Test-only ways to damage what a store holds behind the ledger's back, written straight into the
 * adapter's raw data (never through `commit`), so the contract can show that reconciliation
 * notices.
 */
export interface StoreCorruption {
  /** Overwrites the available money of an existing pot, with no transfer and no funder change. */
  pot(personId: string, potId: string, availableCents: number): Promise<void>;
  /**
   * Records `transfer` and adds its amount to the available money of the pot it names (its
   * credit side), but leaves the other side (the funder's scheme total) as it is.
   */
  oneSidedTransfer(transfer: Transfer): Promise<void>;
  /** Records `transfer` alone: neither of its accounts' stored balances moves. */
  transferRecordOnly(transfer: Transfer): Promise<void>;
}

/** What a contract run needs: a fresh, empty store, how to corrupt it, and how to dispose of it afterwards. */
export type StoreFactory = () => Promise<{
  store: LedgerStore;
  corrupt: StoreCorruption;
  cleanup?: () => Promise<void>;
}>;

/** The funders of the test schemes: one of each type. */
export const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
export const bouwfonds: Funder = { funderId: 'bouwfonds', type: 'sector', name: 'Sectorfonds Bouw' };
export const deVries: Funder = { funderId: 'kvk-12345678', type: 'employer', name: 'Bouwbedrijf De Vries' };

/** The test day; deposits and claims are made on it. */
export const today = '2026-05-20';
/** When the test schemes and the provider were set up. */
export const createdAt = '2026-01-05T09:00:00.000Z';

/** A scheme of `funder` with defaults (never expires, not revocable) and `overrides`. */
export function scheme(funder: Funder, schemeId: string, overrides: Partial<Scheme> = {}): Scheme {
  return {
    funder,
    schemeId,
    label: `${schemeId} label`,
    expiry: { kind: 'never' },
    revocable: false,
    createdAt,
    ...overrides,
  };
}

/** The STAP budget: public, never expires. */
/** Budget shards as a fresh scheme has them: nothing deposited yet, `remaining` left per shard. */
export function budgetShards(remaining: readonly number[]): SchemeTotalShard[] {
  return remaining.map((budgetRemainingCents, shard) => ({
    shard,
    balanceCents: 0,
    depositedCents: 0,
    returnedCents: 0,
    expiredCents: 0,
    budgetRemainingCents,
  }));
}

export const stap = scheme(ocw, 'stap', { categories: ['vakopleiding', 'taal'], maxPerCourseCents: 100_000 });
/** Sector money that expires on a fixed date. */
export const bouw = scheme(bouwfonds, 'bouw-2027', { expiry: { kind: 'fixed', date: '2027-01-01' } });
/** An employer's money that returns when employment ends. */
export const opleiding = scheme(deVries, 'opleiding', { expiry: { kind: 'afterMonths', months: 24 }, revocable: true });
/** A pilot with a small budget. */
export const pilot = scheme(ocw, 'pilot', { budgetCents: 1_000 });

/** The two people the tests deposit for; Anna works at De Vries. */
export const anna = 'person-anna';
export const bram = 'person-bram';
export const employment: Employment = { employerId: deVries.funderId, personId: anna, startDate: '2025-01-01' };

/** The n-th second of the test day, as an ISO timestamp, so transfers sort by the order they were made. */
export function atSecond(second: number): string {
  return new Date(Date.parse(`${today}T10:00:00.000Z`) + second * 1_000).toISOString();
}

/** What a test deposit is: into which scheme, for whom, how much, and what the planner saw. */
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
export async function planDepositOn(store: LedgerStore, input: DepositInput): Promise<Movement> {
  const { scheme: target, personId } = input;
  const shards =
    input.shards ??
    (target.budgetCents === undefined ? [] : await store.getSchemeTotals(target.funder.funderId, target.schemeId));
  const employed =
    input.employment ??
    (target.funder.type === 'employer' ? await store.getEmployment(target.funder.funderId, personId) : undefined);
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

/** Plans a deposit on what the store holds (or on the given stale reads) and commits it. */
export async function deposit(store: LedgerStore, input: DepositInput, options?: CommitOptions): Promise<CommitResult> {
  return store.commit(await planDepositOn(store, input), options);
}

/** The pot with this id among `pots`; a test setup error when it is not there. */
export function potOf(pots: readonly Pot[], potId: string): Pot {
  const found = pots.find((candidate) => candidate.potId === potId);
  if (found === undefined)
    throw new Error(`no pot ${potId} among ${pots.map((candidate) => candidate.potId).join(', ')}`);
  return found;
}

/** Everything a commit could have written, to show that a refused commit wrote nothing. */
export async function snapshot(store: LedgerStore, personIds: readonly string[], schemes: readonly Scheme[]) {
  return {
    pots: await Promise.all(personIds.map((personId) => store.listPots(personId))),
    transfers: await Promise.all(
      personIds.map(async (personId) => (await store.listTransfers(personId, { limit: 200 })).items),
    ),
    totals: await Promise.all(schemes.map((each) => store.getSchemeTotals(each.funder.funderId, each.schemeId))),
    employments: await Promise.all(personIds.map((personId) => store.getEmployment(deVries.funderId, personId))),
    reconciliation: await store.reconcile(),
  };
}

/** An idempotency record to write with a movement, as a funder's request would have it. */
export function idempotencyClaim(
  key: string,
  requestHash: string,
  body: unknown,
  scope = 'funder:ocw',
): IdempotencyClaim {
  return { scope, key, requestHash, response: { statusCode: 201, body }, createdAt: atSecond(0) };
}

/** Attempts per commit in the concurrency tests before the test gives up on a store that keeps conflicting. */
const conflictRetriesMax = 200;

/**
 * Commits, trying again while the store answers `conflict` (another transaction touched the same
 * items). Every other answer is final, as it is for the use cases.
 */
export async function commitRetryingConflicts(
  store: LedgerStore,
  movement: Movement,
  options?: CommitOptions,
): Promise<CommitResult> {
  for (let attempt = 1; attempt <= conflictRetriesMax; attempt += 1) {
    const result = await store.commit(movement, options);
    if (result.kind !== 'conflict') return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
  }
  throw new Error(`still conflicting after ${conflictRetriesMax} attempts`);
}

/** The training provider of the claim and payout tests, active. */
export const noordProvider: Provider = {
  providerId: 'opleidingen-noord',
  name: 'Opleidingen Noord',
  kvk: '87654321',
  iban: 'NL91ABNA0417164300',
  status: 'active',
  updatedAt: createdAt,
};
/** A movement that moves no money: for writing a claim, a counter or an employment end on its own. */
export const empty: Movement = { transfers: [], potChanges: [], totalChanges: [] };

/** A new claim of the provider's welding course, awaiting approval. */
export function claimFor(claimId: string, personId: string, amountCents: number): Claim {
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
export async function approvedClaim(
  store: LedgerStore,
  claimId: string,
  personId: string,
  potId: string,
  amountCents: number,
): Promise<Claim> {
  const created = claimFor(claimId, personId, amountCents);
  expect(await store.commit(empty, { claim: { claim: created } })).toEqual({ kind: 'committed' });
  const pots = await store.listPots(personId);
  const pot = potOf(pots, potId);
  const allocation = {
    parts: [{ potId, schemeId: pot.schemeId, funderId: pot.funder.funderId, amountCents }],
    ownContributionCents: 0,
  };
  const approved: Claim = {
    ...created,
    status: 'approved',
    updatedAt: atSecond(1),
    parts: allocation.parts,
    ownContributionCents: 0,
    captureBefore: '2026-11-16T23:59:59.999Z',
  };
  expect(
    await store.commit(planReservation(approved, allocation, pots, atSecond(1)), {
      claim: { claim: approved, expectedStatus: 'awaiting_approval' },
    }),
  ).toEqual({ kind: 'committed' });
  return approved;
}

/** Creates, approves and captures a claim on Anna's STAP pot, the payable on `shard`. */
export async function capturedClaim(
  store: LedgerStore,
  claimId: string,
  amountCents: number,
  shard: number,
): Promise<Claim> {
  const approved = await approvedClaim(store, claimId, anna, 'ocw#stap#never', amountCents);
  const captured: Claim = {
    ...approved,
    status: 'captured',
    updatedAt: atSecond(2),
    capturedCents: amountCents,
    evidence: { kind: 'completion', date: today },
  };
  const movement = planCapture(captured, amountCents, await store.listPots(anna), atSecond(2), shard);
  expect(await store.commit(movement, { claim: { claim: captured, expectedStatus: 'approved' } })).toEqual({
    kind: 'committed',
  });
  return captured;
}

/** Plans a payout of `claims` from the provider's payable shards as the store holds them. */
export async function payoutOf(store: LedgerStore, payoutId: string, claims: readonly Claim[]): Promise<PayoutPlan> {
  const plan = planPayout({
    payoutId,
    provider: noordProvider,
    claims,
    payableShards: await store.getPayableShards(noordProvider.providerId),
    at: atSecond(30),
  });
  if (plan === undefined) throw new Error('test setup: the payable shards do not cover the claims');
  return plan;
}

/**
 * Gives every test of the enclosing `describe` a fresh, empty store from `makeStore`, handed to
 * `use` before the test with the hook that corrupts its raw data, and disposes of it afterwards.
 * Each concern's contract calls this in its own `describe`, so a test creates exactly one store.
 */
export function useFreshStore(
  makeStore: StoreFactory,
  use: (store: LedgerStore, corrupt: StoreCorruption) => void,
): void {
  let cleanup: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    const made = await makeStore();
    cleanup = made.cleanup;
    use(made.store, made.corrupt);
  });

  afterEach(async () => {
    await cleanup?.();
  });
}
