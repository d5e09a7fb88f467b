/**
 * Crashes at every step boundary (see `test/support/step-crashes.ts`): the payouts run with its
 * SEPA file, a deposit batch from its upload to its settlement, and the three expiry jobs, each
 * killed at each write it makes, just before the write and just after it (the reply lost), and then
 * run again on the same data until it is done. The end must be exactly that of a run that never
 * crashed: every claim paid once, every row paid once, every pot expired once, and the ledger
 * balanced. All on DynamoDB Local, where a write is one transaction as it is in AWS.
 *
 * Each job starts from the same world each time: the world is built once, its table is kept as a
 * snapshot, and each crash starts from that snapshot put back.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveClaim } from '../../functions/approve-claim/use-case.ts';
import { captureClaim } from '../../functions/capture-claim/use-case.ts';
import { createClaim } from '../../functions/create-claim/use-case.ts';
import { createCourse } from '../../functions/create-course/use-case.ts';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createDepositBatch } from '../../functions/create-deposit-batch/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { endEmployment } from '../../functions/end-employment/use-case.ts';
import { expirePots } from '../../functions/jobs/expire-pots/use-case.ts';
import { expireStaleClaims } from '../../functions/jobs/expire-stale-claims/use-case.ts';
import { type PayoutSummary, runPayouts } from '../../functions/jobs/payouts/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import { registerEmployee } from '../../functions/register-employee/use-case.ts';
import { localPayer } from '../../infra/local/jobs.ts';
import type { BatchMessage, BatchQueue } from '../../shared/application/batch-queue.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import { handleBatchMessage, resumeDepositBatches } from '../../shared/application/deposit-batches.ts';
import type { JobSummary } from '../../shared/application/job.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import type { Claim } from '../../shared/ledger/claim.ts';
import { addDays } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import type { Payout } from '../../shared/ledger/provider.ts';
import { FilesystemPayoutFileStore } from '../../shared/payouts/filesystem-payout-file-store.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import { bsnFailingElfproef, validBsn } from '../support/local-system.ts';
import { pain001SchemaPath } from '../support/pain001-schema.ts';
import {
  CrashingProcess,
  type CrashPoint,
  type CrashTiming,
  crashSteps,
  isCrash,
  restoreTable,
  type StepKind,
  snapshotTable,
  type TableSnapshot,
} from '../support/step-crashes.ts';

const run = promisify(execFile);

const secret = 'step-crashes-person-id-secret';
const rijk: Principal = {
  role: 'funder',
  clientId: 'funder-rijk',
  orgId: 'rijksoverheid',
  orgName: 'Rijksoverheid',
  funderType: 'public',
};
const sector: Principal = {
  role: 'funder',
  clientId: 'funder-sector',
  orgId: 'oo-techniek',
  orgName: 'O&O-fonds Techniek',
  funderType: 'sector',
};
const noord: Principal = {
  role: 'provider',
  clientId: 'provider-noord',
  orgId: 'opleidingen-noord',
  orgName: 'Opleidingen Noord',
};
const zuid: Principal = {
  role: 'provider',
  clientId: 'provider-zuid',
  orgId: 'leerhuis-zuid',
  orgName: 'Leerhuis Zuid',
};
const providers = [noord, zuid] as const;
const providerIds = ['opleidingen-noord', 'leerhuis-zuid'];
const jan = { bsn: '999990019', personId: personIdFromBsn('999990019', secret) };
const fatima = { bsn: '999993653', personId: personIdFromBsn('999993653', secret) };
const citizens = [jan, fatima].map((citizen) => citizen.personId);
const citizenSchemes = [
  ['rijksoverheid', 'ontwikkelbudget'],
  ['oo-techniek', 'techniek'],
] as const;
const start = '2026-05-20T10:00:00.000Z';
const today = '2026-05-20';
const timings: readonly CrashTiming[] = ['before', 'after'];

function valueFrom<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`test setup: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

/** Runs `check`, naming the crash in its failure, so a failing boundary says which one it was. */
async function at(label: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof Error) error.message = `${label}: ${error.message}`;
    throw error;
  }
}

/** A table of its own, a clock the test moves, and the dependencies the use cases and jobs take. */
interface Bench {
  readonly table: TestTable;
  readonly store: DynamoLedgerStore;
  readonly dependencies: Dependencies & { readonly store: DynamoLedgerStore };
  set(instant: string): void;
  snapshot(): Promise<TableSnapshot>;
  restore(snapshot: TableSnapshot): Promise<void>;
  close(): Promise<void>;
}

async function bench(): Promise<Bench> {
  const table = await useTestTable();
  const store = new DynamoLedgerStore({ client: table.client, tableName: table.tableName });
  let clock = Date.parse(start);
  return {
    table,
    store,
    dependencies: { store, personIdSecret: secret, now: () => new Date(clock), randomInt: (n) => randomInt(n) },
    set: (instant) => {
      clock = Date.parse(instant);
    },
    snapshot: () => snapshotTable(table.client, table.tableName),
    restore: (snapshot) => restoreTable(table.client, table.tableName, snapshot),
    close: async () => {
      await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));
      table.client.destroy();
    },
  };
}

/** Two funders' schemes, two providers with a course each, and money for Jan and Fatima. */
async function givenFundedWorld({ dependencies, store }: Bench): Promise<void> {
  valueFrom(
    await createScheme(dependencies, rijk, {
      schemeId: 'ontwikkelbudget',
      label: 'Ontwikkelbudget',
      expiresAfterMonths: 24,
    }),
  );
  valueFrom(
    await createScheme(dependencies, sector, { schemeId: 'techniek', label: 'Techniek', expiresAt: '2026-06-01' }),
  );
  for (const provider of providers) {
    await store.putProvider({
      providerId: provider.orgId,
      name: provider.orgName,
      kvk: '87654321',
      iban: provider === noord ? 'NL91ABNA0417164300' : 'NL44RABO0123456789',
      status: 'active',
      updatedAt: start,
    });
    valueFrom(
      await createCourse(dependencies, provider, {
        courseId: 'lassen-1',
        title: 'Lassen voor beginners',
        category: 'techniek',
        price: 100_000,
      }),
    );
  }
  const deposits = [
    [rijk, jan, 'ontwikkelbudget', 100_000],
    [sector, jan, 'techniek', 50_000],
    [rijk, fatima, 'ontwikkelbudget', 100_000],
    [sector, fatima, 'techniek', 10_000],
  ] as const;
  for (const [index, [funder, citizen, schemeId, amount]] of deposits.entries()) {
    valueFrom(
      await createDeposit(dependencies, funder, { bsn: citizen.bsn, schemeId, amount, idempotencyKey: `dep-${index}` }),
    );
  }
}

let keys = 0;

/** A claim of `amountCents` at `provider`, taken as far as `until`. */
async function givenClaim(
  { dependencies, store }: Bench,
  citizen: typeof jan,
  amountCents: number,
  provider: Principal,
  until: 'created' | 'approved' | 'captured',
  capturedCents = amountCents,
): Promise<Claim> {
  keys += 1;
  const created = valueFrom(
    await createClaim(dependencies, provider, {
      bsn: citizen.bsn,
      courseId: 'lassen-1',
      amount: amountCents,
      startDate: today,
      idempotencyKey: `claim-${keys}`,
    }),
  );
  const { claimId } = created.body as { claimId: string };
  if (until !== 'created') {
    const owner: Principal = { role: 'citizen', personId: citizen.personId };
    valueFrom(await approveClaim(dependencies, owner, { claimId, idempotencyKey: `approve-${keys}` }));
  }
  if (until === 'captured') {
    const evidence = { kind: 'completion', date: today } as const;
    const input = { claimId, amount: capturedCents, evidence, idempotencyKey: `capture-${keys}` };
    valueFrom(await captureClaim(dependencies, provider, input));
  }
  const claim = await store.getClaim(claimId);
  if (claim === undefined) throw new Error(`no claim ${claimId}`);
  return claim;
}

/**
 * What a job's exactly-once is judged by: every pot's balances, every claim's status, every
 * person's history entries, the funders' totals, the payouts, and the audit entries of the run's
 * days; ids and times left out, as a run after a crash makes them anew. A movement made twice,
 * or not at all, shows here even where a balance would hide it.
 */
/** Whose ledger {@link ledgerState} reads: the persons, claims and schemes a test's world has. */
interface Scope {
  readonly personIds: readonly string[];
  readonly claimIds: readonly string[];
  readonly schemes: ReadonlyArray<readonly [funderId: string, schemeId: string]>;
  /** The days whose audit entries are read, at most 31. */
  readonly days: { readonly from: string; readonly to: string };
}

async function ledgerState(store: LedgerStore, { personIds, claimIds, schemes, days }: Scope) {
  const pots = [];
  const entries = [];
  for (const personId of personIds) {
    for (const pot of await store.listPots(personId)) {
      pots.push(`${pot.potId} available ${pot.availableCents} reserved ${pot.reservedCents}`);
    }
    const transfers = (await store.listTransfers(personId, { limit: 200 })).items;
    entries.push(...transfers.map((transfer) => `${transfer.potId} ${transfer.type} ${transfer.amountCents}`));
  }
  const claims = [];
  for (const claimId of claimIds) claims.push(`${claimId} ${(await store.getClaim(claimId))?.status}`);
  const totals = [];
  for (const [funderId, schemeId] of schemes) {
    const sum = (field: 'balanceCents' | 'depositedCents' | 'returnedCents' | 'expiredCents') =>
      shards.reduce((total, shard) => total + shard[field], 0);
    const shards = await store.getSchemeTotals(funderId, schemeId);
    totals.push({
      schemeId,
      budgetRemaining: shards.reduce((total, shard) => total + (shard.budgetRemainingCents ?? 0), 0),
      balance: sum('balanceCents'),
      deposited: sum('depositedCents'),
      returned: sum('returnedCents'),
      expired: sum('expiredCents'),
    });
  }
  const payouts = [];
  for (const providerId of providerIds) {
    const listed = (await store.listPayouts(providerId, { limit: 200 })).items;
    payouts.push(...listed.map((payout) => `${providerId} ${payout.amountCents} ${[...payout.claimIds].sort()}`));
  }
  const audit = (await store.listAudit(days, { limit: 200 })).items.map(
    (record) => `${record.action} ${record.outcome} ${record.amountCents ?? ''}`,
  );
  return {
    pots: pots.sort(),
    entries: entries.sort(),
    claims: claims.sort(),
    totals,
    payouts: payouts.sort(),
    audit: audit.sort(),
  };
}

async function expectBalanced(store: LedgerStore): Promise<void> {
  expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
}

describe('the payouts run killed at each step', () => {
  let world: Bench;
  let snapshot: TableSnapshot;
  let claims: Claim[];
  let directory: string;

  beforeAll(async () => {
    world = await bench();
    await givenFundedWorld(world);
    // Three payouts of at most two claims (two to Noord, one to Zuid) and one file with all three.
    claims = [
      await givenClaim(world, fatima, 1_100, noord, 'captured'),
      await givenClaim(world, fatima, 2_200, noord, 'captured'),
      await givenClaim(world, jan, 3_300, zuid, 'captured'),
      await givenClaim(world, fatima, 4_400, noord, 'captured'),
      await givenClaim(world, jan, 5_500, noord, 'captured', 5_000),
    ];
    snapshot = await world.snapshot();
    directory = await mkdtemp(path.join(tmpdir(), 'leerrekening-step-crashes-'));
  });

  afterAll(async () => {
    await world?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  /** From `from`: runs the payouts on a process that may crash, with an empty payout folder. */
  async function crashingRun(
    from: TableSnapshot,
    crash: CrashPoint | undefined,
    claimsPerPayout = 2,
  ): Promise<CrashingProcess> {
    await world.restore(from);
    await rm(directory, { recursive: true, force: true });
    world.set('2026-05-21T02:00:00.000Z');
    const process = new CrashingProcess(crash);
    const store = process.wrap(world.store, 'store');
    const payoutFiles = process.wrap(new FilesystemPayoutFileStore(directory), 'payoutFiles');
    await runPayouts({ ...world.dependencies, store, payoutFiles, payer: localPayer }, { claimsPerPayout }).catch(
      (error: unknown) => {
        if (!isCrash(error)) throw error;
      },
    );
    return process;
  }

  function plainRun(claimsPerPayout = 2): Promise<PayoutSummary> {
    const payoutFiles = new FilesystemPayoutFileStore(directory);
    return runPayouts({ ...world.dependencies, payoutFiles, payer: localPayer }, { claimsPerPayout });
  }

  const days = { from: '2026-05-21', to: '2026-05-21' };

  it('pays each claim once, in one payout and one file, after a crash at any step and a run again', async () => {
    const clean = await crashingRun(snapshot, undefined);
    // The boundaries a clean run has: three payouts, the file recorded, written, and noted written.
    expect(clean.steps).toEqual([
      'store.commitPayout',
      'store.commitPayout',
      'store.commitPayout',
      'store.commitPayoutFile',
      'payoutFiles.put',
      'store.markPayoutFileWritten',
    ]);
    await expectEachClaimPaidOnce(world.store, claims, directory);
    const scope: Scope = {
      personIds: citizens,
      claimIds: claims.map((claim) => claim.claimId),
      schemes: citizenSchemes,
      days,
    };
    const expected = await ledgerState(world.store, scope);
    expect(expected.payouts).toHaveLength(3);

    for (const timing of timings) {
      for (const step of crashSteps(clean.steps.length)) {
        await at(`crash ${timing} step ${step} (${clean.steps[step - 1]})`, async () => {
          const crashed = await crashingRun(snapshot, { step, timing });
          expect(crashed.crashed).toBe(true);
          expect(crashed.steps).toHaveLength(step);

          world.set('2026-05-21T02:10:00.000Z');
          const rerun = await plainRun();
          // One run again finishes it: nothing failed, nothing left for a third run.
          expect(rerun).toMatchObject({ failed: 0, held: [], stuckFiles: [] });
          await expectEachClaimPaidOnce(world.store, claims, directory);
          expect(await ledgerState(world.store, scope)).toEqual(expected);
          // And a third run finds nothing to do.
          expect(await plainRun()).toMatchObject({ processed: 0, failed: 0, payouts: 0, files: [] });
          await expectBalanced(world.store);
        });
      }
    }
  }, 60_000);

  it('files each payout once over several files, and holds the unfilable one, after a crash at any step', async () => {
    const perFileBefore = limits.payoutsPerFileMax;
    try {
      // Files of at most two payouts, so the run records and writes two; Zuid's IBAN, registered
      // before non-SEPA accounts were refused, keeps its payout out of every file.
      Object.assign(limits, { payoutsPerFileMax: 2 });
      await world.restore(snapshot);
      const zuidRegistration = await world.store.getProvider('leerhuis-zuid');
      if (zuidRegistration === undefined) throw new Error('no Zuid');
      await world.store.putProvider({ ...zuidRegistration, iban: 'BR1800360305000010009795493C1' });
      const held = await world.snapshot();

      const clean = await crashingRun(held, undefined, 1);
      expect(clean.steps).toEqual([
        ...Array.from({ length: 5 }, () => 'store.commitPayout'),
        ...['store.commitPayoutFile', 'payoutFiles.put', 'store.markPayoutFileWritten'],
        ...['store.commitPayoutFile', 'payoutFiles.put', 'store.markPayoutFileWritten'],
      ]);
      await expectEachClaimPaidOnce(world.store, claims, directory, ['leerhuis-zuid']);
      const scope: Scope = {
        personIds: citizens,
        claimIds: claims.map((claim) => claim.claimId),
        schemes: citizenSchemes,
        days,
      };
      const expected = await ledgerState(world.store, scope);
      expect(expected.payouts).toHaveLength(5);
      expect(await payoutFiles(directory)).toHaveProperty('size', 2);

      for (const timing of timings) {
        for (const step of crashSteps(clean.steps.length)) {
          await at(`crash ${timing} step ${step} (${clean.steps[step - 1]})`, async () => {
            const crashed = await crashingRun(held, { step, timing }, 1);
            expect(crashed.crashed).toBe(true);
            expect(crashed.steps).toHaveLength(step);

            world.set('2026-05-21T02:10:00.000Z');
            const rerun = await plainRun(1);
            // Only the held payout fails, as it does in every run until its provider's IBAN is fixed.
            expect(rerun).toMatchObject({ failed: 1, stuckFiles: [] });
            expect(rerun.held.map((each) => each.providerId)).toEqual(['leerhuis-zuid']);
            await expectEachClaimPaidOnce(world.store, claims, directory, ['leerhuis-zuid']);
            expect(await ledgerState(world.store, scope)).toEqual(expected);
            expect(await plainRun(1)).toMatchObject({ processed: 0, failed: 1, payouts: 0, files: [] });
            await expectBalanced(world.store);
          });
        }
      }
    } finally {
      Object.assign(limits, { payoutsPerFileMax: perFileBefore });
    }
  }, 60_000);
});

/** Every SEPA file under `directory`, by name relative to it. */
async function payoutFiles(directory: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.xml')) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(directory, full), await readFile(full, 'utf8'));
    }
  }
  return files;
}

function elements(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((match) => match[1] as string);
}

function cents(euros: string): number {
  const [whole, fraction] = euros.split('.') as [string, string];
  return Number(whole) * 100 + Number(fraction);
}

/**
 * Every claim is `paid` in exactly one payout, the payouts add up to what was captured, the payable
 * accounts are empty, and every payout is in exactly one SEPA file, each of which validates, except
 * the payouts of `heldProviderIds`, which are in none and still waiting for one.
 */
async function expectEachClaimPaidOnce(
  store: LedgerStore,
  claims: readonly Claim[],
  directory: string,
  heldProviderIds: readonly string[] = [],
): Promise<void> {
  const payouts: Payout[] = [];
  for (const providerId of providerIds) payouts.push(...(await store.listPayouts(providerId, { limit: 200 })).items);
  expect(payouts.flatMap((payout) => payout.claimIds).sort()).toEqual(claims.map((claim) => claim.claimId).sort());
  for (const claim of claims) {
    const stored = await store.getClaim(claim.claimId);
    expect(stored?.status).toBe('paid');
    expect(payouts.find((payout) => payout.payoutId === stored?.payoutId)?.claimIds).toContain(claim.claimId);
  }
  const captured = claims.reduce((sum, claim) => sum + (claim.capturedCents ?? 0), 0);
  expect(payouts.reduce((sum, payout) => sum + payout.amountCents, 0)).toBe(captured);
  for (const providerId of providerIds) {
    const shards = await store.getPayableShards(providerId);
    expect(shards.reduce((sum, shard) => sum + shard.balanceCents, 0)).toBe(0);
  }
  const filed: string[] = [];
  for (const [name, xml] of await payoutFiles(directory)) {
    const { stderr } = await run('xmllint', ['--noout', '--schema', pain001SchemaPath, path.join(directory, name)]);
    expect(stderr).toContain('validates');
    const amounts = elements(xml, 'InstdAmt').map(cents);
    const sum = amounts.reduce((total, amount) => total + amount, 0);
    expect(elements(xml, 'CtrlSum').map(cents)).toEqual([sum, sum]);
    filed.push(...elements(xml, 'EndToEndId'));
  }
  const held = (payout: Payout) => heldProviderIds.includes(payout.providerId);
  expect(filed.sort()).toEqual(
    payouts
      .filter((payout) => !held(payout))
      .map((payout) => payout.payoutId)
      .sort(),
  );
  const unfiled = (await store.listPayoutsUnfiled(100)).map((payout) => payout.payoutId);
  expect(unfiled.sort()).toEqual(
    payouts
      .filter(held)
      .map((payout) => payout.payoutId)
      .sort(),
  );
  expect(await store.listPayoutFilesUnwritten(100)).toEqual([]);
}

/** How a batch went: the process that may have crashed, and what it took to finish. */
interface BatchRun {
  readonly process: CrashingProcess;
  /** Times the caller sent the upload. */
  readonly uploads: number;
  /** Messages the worker was handed, redeliveries included. */
  readonly deliveries: number;
  /** Runs of the resume job that found a batch to start again. */
  readonly resumes: number;
}

interface BatchOptions {
  readonly principal: Principal;
  readonly rows: ReadonlyArray<{ bsn: string; schemeId: string; amount: number }>;
  readonly idempotencyKey: string;
  readonly crash: CrashPoint | undefined;
  /** Whether the caller sends the upload again when it got no answer (true), or is gone (false). */
  readonly callerRetries?: boolean;
  /** Done before each delivery, outside the process: the world changing while the batch runs. */
  readonly beforeDelivery?: () => Promise<void>;
}

/**
 * A batch from its upload to its end, on the world as it is: the upload (sent again with the same
 * key until it gets its 202, unless the caller is gone), then the worker handles the queue's
 * messages one at a time as SQS delivers them, a message whose worker died coming back, and the
 * resume job starts a batch that is processing with nothing queued. Every call is on a process that
 * dies at `crash`; after it died, the work goes on in processes that do not crash. One message at a
 * time, so a run makes the same steps in the same order each time.
 */
async function runBatch(world: Bench, options: BatchOptions): Promise<BatchRun> {
  const queued: BatchMessage[] = [];
  const queue: BatchQueue = { send: async (messages) => void queued.push(...messages) };
  const process = new CrashingProcess(options.crash);
  const dependencies = () => ({
    ...world.dependencies,
    ...(process.crashed
      ? { store: world.store, queue }
      : { store: process.wrap(world.store, 'store'), queue: process.wrap(queue, 'queue') }),
  });
  /** Runs one invocation; false when its process died in it (even where the code caught the error). */
  const invoke = async (work: () => Promise<unknown>): Promise<boolean> => {
    const alive = !process.crashed;
    try {
      await work();
    } catch (error) {
      if (!isCrash(error)) throw error;
    }
    return !(alive && process.crashed);
  };

  let uploads = 0;
  for (let replied = false; !replied && (uploads === 0 || options.callerRetries !== false); ) {
    uploads += 1;
    if (uploads > 3) throw new Error('the upload never got its reply');
    replied = await invoke(async () => {
      const outcome = await createDepositBatch(dependencies(), options.principal, {
        body: { contentType: 'application/json', text: JSON.stringify({ rows: options.rows }) },
        idempotencyKey: options.idempotencyKey,
      });
      if (!outcome.ok) throw new Error(`the upload was refused: ${outcome.code}`);
    });
  }
  let deliveries = 0;
  let resumes = 0;
  for (;;) {
    const message = queued.shift();
    if (message === undefined) {
      // Nothing queued while a batch is still processing: the resume job starts it again.
      if ((await resumeDepositBatches({ store: world.store, queue })) === 0) break;
      resumes += 1;
      if (resumes > 2) throw new Error('the batch does not finish');
      continue;
    }
    deliveries += 1;
    if (deliveries > 40) throw new Error('the queue never empties');
    await options.beforeDelivery?.();
    if (!(await invoke(() => handleBatchMessage(dependencies(), message)))) queued.push(message);
  }
  return { process, uploads, deliveries, resumes };
}

/** What a batch is expected to end as. */
interface BatchOutcome {
  readonly funderId: string;
  readonly schemeId: string;
  readonly total: number;
  readonly chunks: number;
  /** The rows paid to each person, in cents, as that person's history shows them. */
  readonly paid: ReadonlyMap<string, readonly number[]>;
  /** `<row> <code>` of every row refused. */
  readonly refused: readonly string[];
  /** The scheme's totals after the batch. */
  readonly totals: { balance: number; deposited: number; budgetRemaining: number };
}

/** Every row that should be paid is paid once, every other row is refused once, and the batch has settled. */
async function expectBatchPaidOnce(store: DynamoLedgerStore, batchId: string, expected: BatchOutcome): Promise<void> {
  const paidCents = [...expected.paid.values()].flat();
  expect(await store.getDepositBatch(batchId)).toMatchObject({
    status: 'done',
    total: expected.total,
    settlement: {
      succeeded: paidCents.length,
      failed: expected.refused.length,
      amountSucceededCents: paidCents.reduce((sum, cents) => sum + cents, 0),
    },
  });
  const results = await store.listDepositBatchResults(batchId);
  expect(results.map((result) => result.index).sort()).toEqual(Array.from({ length: expected.chunks }, (_, i) => i));
  const refused = results.flatMap((result) => result.errors.map((error) => `${error.row} ${error.code}`));
  expect(refused.sort()).toEqual([...expected.refused].sort());
  for (const [bsn, rows] of expected.paid) {
    const personId = personIdFromBsn(bsn, secret);
    const pots = await store.listPots(personId);
    const sum = rows.reduce((total, cents) => total + cents, 0);
    expect(pots.map((pot) => [pot.availableCents, pot.reservedCents])).toEqual(rows.length === 0 ? [] : [[sum, 0]]);
    // One history entry per row paid: a row paid twice would show even if a pot were right.
    const transfers = (await store.listTransfers(personId, { limit: 200 })).items;
    expect(transfers.map((transfer) => transfer.amountCents).sort()).toEqual([...rows].sort());
  }
  const shards = await store.getSchemeTotals(expected.funderId, expected.schemeId);
  const total = (field: 'balanceCents' | 'depositedCents' | 'budgetRemainingCents') =>
    shards.reduce((sum, shard) => sum + (shard[field] ?? 0), 0);
  expect({
    balance: total('balanceCents'),
    deposited: total('depositedCents'),
    budgetRemaining: total('budgetRemainingCents'),
  }).toEqual(expected.totals);
  expect(await store.listDepositBatchesProcessing(10)).toEqual([]);
  // The batch's account holds nothing once settled: reconciliation checks it with every other.
  await expectBalanced(store);
}

/** The id a batch gets from its caller and key, as `acceptDepositBatch` derives it. */
async function batchIdOf(store: DynamoLedgerStore, funderId: string): Promise<string> {
  const [batch, ...others] = (await store.listDepositBatches(funderId, { limit: 10 })).items;
  expect(others).toEqual([]);
  if (batch === undefined) throw new Error(`no batch of ${funderId}`);
  return batch.batchId;
}

describe('a deposit batch killed at each step, from its upload to its settlement', () => {
  let world: Bench;
  let snapshot: TableSnapshot;
  const chunkRowsBefore = limits.batchChunkRows;
  const [a, b, c, d] = [validBsn(7_100), validBsn(7_101), validBsn(7_102), validBsn(7_103)];
  const schemeId = 'batch-budget';
  // Chunks of three rows: [1-3] pays A in two groups (A twice), [4-6] has a row refused at the
  // upload and one at the start, [7-8] a row beyond the budget. 4,200 paid of a 5,000 budget.
  const rows = [
    { bsn: a, schemeId, amount: 1_000 },
    { bsn: b, schemeId, amount: 2_000 },
    { bsn: a, schemeId, amount: 300 },
    { bsn: bsnFailingElfproef(7_104), schemeId, amount: 100 },
    { bsn: c, schemeId: 'no-such-scheme', amount: 100 },
    { bsn: c, schemeId, amount: 400 },
    { bsn: d, schemeId, amount: 500 },
    { bsn: d, schemeId, amount: 1_000 },
  ];
  const expected: BatchOutcome = {
    funderId: 'rijksoverheid',
    schemeId,
    total: 8,
    chunks: 3,
    paid: new Map([
      [a, [1_000, 300]],
      [b, [2_000]],
      [c, [400]],
      [d, [500]],
    ]),
    refused: ['4 unknown_person', '5 unknown_scheme', '8 budget_exceeded'],
    totals: { balance: -4_200, deposited: 4_200, budgetRemaining: 800 },
  };
  const batch = (crash: CrashPoint | undefined, callerRetries = true) =>
    runBatch(world, { principal: rijk, rows, idempotencyKey: 'batch-step-crashes', crash, callerRetries });
  const scope = (): Scope => ({
    personIds: [a, b, c, d].map((bsn) => personIdFromBsn(bsn, secret)),
    claimIds: [],
    schemes: [['rijksoverheid', schemeId]],
    days: { from: today, to: today },
  });

  beforeAll(async () => {
    // A small chunk, so a batch of eight rows has several chunks, one of them with two groups.
    Object.assign(limits, { batchChunkRows: 3 });
    world = await bench();
    valueFrom(
      await createScheme(world.dependencies, rijk, { schemeId, label: 'Batch', expiresAfterMonths: 24, budget: 5_000 }),
    );
    snapshot = await world.snapshot();
  });

  afterAll(async () => {
    Object.assign(limits, { batchChunkRows: chunkRowsBefore });
    await world?.close();
  });

  it('pays every good row once and refuses the others, after a crash at any step and redelivery', async () => {
    await world.restore(snapshot);
    const clean = await batch(undefined);
    expect(clean.process.steps).toEqual([
      'store.createDepositBatch',
      'queue.send',
      'store.prepareDepositBatch',
      'queue.send',
      'store.commitBatchRows',
      'store.commitBatchRows',
      'store.completeDepositBatchChunk',
      'store.commitBatchRows',
      'store.completeDepositBatchChunk',
      'store.commitBatchRows',
      'store.completeDepositBatchChunk',
      'store.settleDepositBatch',
    ]);
    expect(clean).toMatchObject({ uploads: 1, deliveries: 4, resumes: 0 });
    const batchId = await batchIdOf(world.store, 'rijksoverheid');
    await expectBatchPaidOnce(world.store, batchId, expected);
    const state = await ledgerState(world.store, scope());
    expect(state.audit.filter((entry) => entry.startsWith('deposit '))).toHaveLength(5);

    for (const timing of timings) {
      for (const step of crashSteps(clean.process.steps.length)) {
        await at(`crash ${timing} step ${step} (${clean.process.steps[step - 1]})`, async () => {
          await world.restore(snapshot);
          const crashed = await batch({ step, timing });
          expect(crashed.process.crashed).toBe(true);
          expect(crashed.process.steps).toHaveLength(step);
          // A caller that got no answer sends the upload again; nothing waits for the resume job.
          expect(crashed.resumes).toBe(0);
          expect(await batchIdOf(world.store, 'rijksoverheid')).toBe(batchId);
          await expectBatchPaidOnce(world.store, batchId, expected);
          expect(await ledgerState(world.store, scope())).toEqual(state);
        });
      }
    }
  }, 60_000);

  it('is started by the resume job when its upload died after storing it and its caller is gone', async () => {
    const cases = [
      // Stored, its start never queued: only the resume job can start it.
      { crash: { step: 1, timing: 'after' }, resumes: 1 },
      { crash: { step: 2, timing: 'before' }, resumes: 1 },
      // Its start queued, the reply lost: the worker goes on by itself.
      { crash: { step: 2, timing: 'after' }, resumes: 0 },
    ] as const;
    await world.restore(snapshot);
    await batch(undefined);
    const state = await ledgerState(world.store, scope());
    for (const { crash, resumes } of cases) {
      await at(`crash ${crash.timing} step ${crash.step}`, async () => {
        await world.restore(snapshot);
        const crashed = await batch(crash, false);
        expect(crashed).toMatchObject({ uploads: 1, resumes });
        expect(crashed.process.crashed).toBe(true);
        await expectBatchPaidOnce(world.store, await batchIdOf(world.store, 'rijksoverheid'), expected);
        expect(await ledgerState(world.store, scope())).toEqual(state);
      });
    }
  });
});

describe("an employer's batch killed at each step while an employment ends", () => {
  let world: Bench;
  let snapshot: TableSnapshot;
  const chunkRowsBefore = limits.batchChunkRows;
  const employer: Principal = { role: 'employer', clientId: 'employer-acme', orgId: 'acme', orgName: 'Acme BV' };
  const [e1, e2, e3, e4] = [validBsn(7_200), validBsn(7_201), validBsn(7_202), validBsn(7_203)];
  const schemeId = 'scholing';
  // Chunks of three rows: E4 is no employee (refused at the start); E2's employment ends after the
  // start, so both E2's rows are refused while they are paid, in both chunks.
  const rows = [
    { bsn: e1, schemeId, amount: 1_000 },
    { bsn: e2, schemeId, amount: 2_000 },
    { bsn: e3, schemeId, amount: 300 },
    { bsn: e4, schemeId, amount: 400 },
    { bsn: e2, schemeId, amount: 500 },
  ];
  const expected: BatchOutcome = {
    funderId: 'acme',
    schemeId,
    total: 5,
    chunks: 2,
    paid: new Map([
      [e1, [1_000]],
      [e2, []],
      [e3, [300]],
    ]),
    refused: ['2 not_employed', '4 not_employed', '5 not_employed'],
    totals: { balance: -1_300, deposited: 1_300, budgetRemaining: 0 },
  };
  const scope = (): Scope => ({
    personIds: [e1, e2, e3, e4].map((bsn) => personIdFromBsn(bsn, secret)),
    claimIds: [],
    schemes: [['acme', schemeId]],
    days: { from: today, to: today },
  });

  /** The batch, with E2's employment ended before the first delivery after the batch's start is written. */
  async function batch(crash: CrashPoint | undefined): Promise<BatchRun> {
    let ended = false;
    const beforeDelivery = async () => {
      if (ended) return;
      const batchId = (await world.store.listDepositBatches('acme', { limit: 1 })).items[0]?.batchId;
      const stored = batchId === undefined ? undefined : await world.store.getDepositBatch(batchId);
      if (stored?.preparation === undefined) return;
      const input = { bsn: e2, endDate: today, idempotencyKey: 'end-e2' };
      valueFrom(await endEmployment(world.dependencies, employer, input));
      ended = true;
    };
    const run = await runBatch(world, {
      principal: employer,
      rows,
      idempotencyKey: 'acme-batch',
      crash,
      beforeDelivery,
    });
    expect(ended).toBe(true);
    return run;
  }

  beforeAll(async () => {
    Object.assign(limits, { batchChunkRows: 3 });
    world = await bench();
    valueFrom(await createScheme(world.dependencies, employer, { schemeId, label: 'Scholing', revocable: true }));
    for (const bsn of [e1, e2, e3]) {
      valueFrom(await registerEmployee(world.dependencies, employer, { bsn, startDate: '2024-01-01' }));
    }
    snapshot = await world.snapshot();
  });

  afterAll(async () => {
    Object.assign(limits, { batchChunkRows: chunkRowsBefore });
    await world?.close();
  });

  it('pays the rows of employees once and refuses the others once, after a crash at any step', async () => {
    await world.restore(snapshot);
    const clean = await batch(undefined);
    expect(clean.process.steps).toEqual([
      'store.createDepositBatch',
      'queue.send',
      'store.prepareDepositBatch',
      'queue.send',
      // E2's row refused in its group, recorded, and the group written again without it.
      'store.commitBatchRows',
      'store.recordBatchRowRefusals',
      'store.commitBatchRows',
      'store.completeDepositBatchChunk',
      'store.commitBatchRows',
      'store.recordBatchRowRefusals',
      'store.completeDepositBatchChunk',
      'store.settleDepositBatch',
    ]);
    const batchId = await batchIdOf(world.store, 'acme');
    await expectBatchPaidOnce(world.store, batchId, expected);
    const state = await ledgerState(world.store, scope());

    for (const timing of timings) {
      for (const step of crashSteps(clean.process.steps.length)) {
        await at(`crash ${timing} step ${step} (${clean.process.steps[step - 1]})`, async () => {
          await world.restore(snapshot);
          const crashed = await batch({ step, timing });
          expect(crashed.process.crashed).toBe(true);
          expect(crashed.process.steps).toHaveLength(step);
          await expectBatchPaidOnce(world.store, batchId, expected);
          expect(await ledgerState(world.store, scope())).toEqual(state);
        });
      }
    }
  }, 60_000);
});

describe('the expiry jobs killed at each step', () => {
  let world: Bench;
  let snapshot: TableSnapshot;
  let claimIds: string[];

  beforeAll(async () => {
    world = await bench();
    await givenFundedWorld(world);
    const claims = [
      // Waiting for approval, and never approved: expire-stale-claims.
      await givenClaim(world, fatima, 1_000, noord, 'created'),
      await givenClaim(world, jan, 2_000, zuid, 'created'),
      // Approved and never captured: release-expired-reservations.
      await givenClaim(world, fatima, 30_000, noord, 'approved'),
      await givenClaim(world, jan, 20_000, zuid, 'approved'),
      // Captured, so no job's: it must stay as it is.
      await givenClaim(world, jan, 3_000, noord, 'captured'),
    ];
    claimIds = claims.map((claim) => claim.claimId);
    snapshot = await world.snapshot();
  });

  afterAll(async () => {
    await world?.close();
  });

  type Job = (dependencies: Dependencies) => Promise<JobSummary>;
  const jobs: ReadonlyArray<{ name: string; job: Job; at: string; summary: JobSummary; kind: StepKind }> = [
    // Two claims past their approval window. Every call is a step here (reads too), as a check
    // that a crash before a read leaves nothing a crash after the write before it does not.
    {
      name: 'expire-stale-claims',
      job: (dependencies) => expireStaleClaims(dependencies),
      at: '2026-07-01',
      summary: { processed: 2, skipped: 0, failed: 0 },
      kind: 'calls',
    },
    // Two claims past their capture window, their money back in the pots it came from.
    {
      name: 'release-expired-reservations',
      job: (dependencies) => releaseExpiredReservations(dependencies),
      at: '2026-12-01',
      summary: { processed: 2, skipped: 0, failed: 0 },
      kind: 'writes',
    },
    // Both Techniek pots, the day after they expire: Jan's expires what is not held for his claim;
    // all of Fatima's is held for hers, so her pot only leaves the work list (a write, but skipped).
    {
      name: 'expire-pots',
      job: (dependencies) => expirePots(dependencies),
      at: '2026-06-02',
      summary: { processed: 1, skipped: 1, failed: 0 },
      kind: 'writes',
    },
  ];

  for (const { name, job, at: day, summary, kind } of jobs) {
    it(`${name}: does its work once, after a crash at any step and a run again`, async () => {
      const scope: Scope = {
        personIds: citizens,
        claimIds,
        schemes: citizenSchemes,
        days: { from: day, to: addDays(day, 1) },
      };
      /** From the world as built: runs the job once, on a process that may crash. */
      const crashingRun = async (crash: CrashPoint | undefined) => {
        await world.restore(snapshot);
        world.set(`${day}T03:00:00.000Z`);
        const process = new CrashingProcess(crash, kind);
        const store = process.wrap(world.store, 'store');
        const summary = await job({ ...world.dependencies, store }).catch((error: unknown) => {
          if (!isCrash(error)) throw error;
          return undefined;
        });
        return { process, summary };
      };
      await world.restore(snapshot);
      const untouched = await ledgerState(world.store, scope);

      const clean = await crashingRun(undefined);
      expect(clean.summary).toEqual(summary);
      const commits = (steps: readonly string[]) => steps.filter((each) => each === 'store.commit').length;
      // One transaction per item: every item on the list is written once, done or only delisted.
      const items = summary.processed + summary.skipped;
      expect(commits(clean.process.steps)).toBe(items);
      if (kind === 'writes') expect(clean.process.steps).toHaveLength(items);
      const expected = await ledgerState(world.store, scope);
      // The job did change something, so a crash that loses its work cannot pass for a clean run.
      expect(expected).not.toEqual(untouched);
      await expectBalanced(world.store);

      for (const timing of timings) {
        for (const step of crashSteps(clean.process.steps.length)) {
          await at(`crash ${timing} step ${step} (${clean.process.steps[step - 1]})`, async () => {
            const crashed = await crashingRun({ step, timing });
            expect(crashed.process.crashed).toBe(true);
            expect(crashed.process.steps).toHaveLength(step);
            world.set(`${day}T03:10:00.000Z`);
            const rerun = await job(world.dependencies);
            // What the crashed run wrote is not done again: the run again writes only the rest.
            const diedBeforeCommit = timing === 'before' && crashed.process.steps[step - 1] === 'store.commit';
            const committed = commits(crashed.process.steps) - (diedBeforeCommit ? 1 : 0);
            expect(rerun.failed).toBe(0);
            expect(rerun.processed + rerun.skipped).toBe(items - committed);
            expect(rerun.processed).toBeLessThanOrEqual(summary.processed);
            expect(await ledgerState(world.store, scope)).toEqual(expected);
            expect(await job(world.dependencies)).toEqual({ processed: 0, skipped: 0, failed: 0 });
            await expectBalanced(world.store);
          });
        }
      }
    }, 60_000);
  }
});
