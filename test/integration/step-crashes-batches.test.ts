/**
 * Deposit batches killed at every step boundary (see `test/support/step-crashes.ts`), from the
 * upload to the settlement: the upload is sent again by its caller, the worker's messages are
 * delivered again as SQS does, and the resume job starts a batch left with nothing queued. The end
 * must be exactly that of a batch that never crashed: every good row paid once, every other row
 * refused once, the batch's account empty after it settled, and the ledger balanced. Apart from the
 * jobs' file (step-crashes.test.ts), so each file stays well within a minute on a slow machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepositBatch } from '../../functions/create-deposit-batch/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { endEmployment } from '../../functions/end-employment/use-case.ts';
import { registerEmployee } from '../../functions/register-employee/use-case.ts';
import type { BatchMessage, BatchQueue } from '../../shared/application/batch-queue.ts';
import { handleBatchMessage, resumeDepositBatches } from '../../shared/application/deposit-batches.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import { limits } from '../../shared/ledger/limits.ts';
import type { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { bsnFailingElfproef, validBsn } from '../support/local-system.ts';
import {
  type Bench,
  bench,
  expectBalanced,
  ledgerState,
  rijk,
  type Scope,
  secret,
  today,
  valueFrom,
} from '../support/step-crash-world.ts';
import {
  CrashingProcess,
  type CrashPoint,
  crashes,
  crashSteps,
  describedAs,
  isCrash,
  labelOf,
  type TableSnapshot,
} from '../support/step-crashes.ts';

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
  /**
   * Runs one invocation; false when it failed (the queue delivers its message again, the caller
   * sends its upload again) or its process died in it, even where the code caught the error.
   */
  const invoke = async (work: () => Promise<unknown>): Promise<boolean> => {
    const alive = !process.crashed;
    try {
      await work();
    } catch (error) {
      if (!isCrash(error)) throw error;
      return false;
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
    providerIds: [],
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

    for (const fault of crashes) {
      for (const step of crashSteps(clean.process.steps.length)) {
        await describedAs(labelOf(fault, step, clean.process.steps[step - 1]), async () => {
          await world.restore(snapshot);
          const crashed = await batch({ ...fault, step });
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
  });

  it('is started by the resume job when its upload died after storing it and its caller is gone', async () => {
    const cases = [
      // Stored, its start never queued: only the resume job can start it.
      { crash: { step: 1, timing: 'after' }, resumes: 1 },
      { crash: { step: 2, timing: 'before' }, resumes: 1 },
      // Its start queued, the reply lost: the worker goes on by itself.
      { crash: { step: 2, timing: 'after' }, resumes: 0 },
      // The queue failed and the upload answered 202 all the same, by design: the resume job starts it.
      { crash: { step: 2, timing: 'before', survives: true }, resumes: 1 },
    ] as const;
    await world.restore(snapshot);
    await batch(undefined);
    const state = await ledgerState(world.store, scope());
    for (const { crash, resumes } of cases) {
      await describedAs(labelOf(crash, crash.step, 'the upload'), async () => {
        await world.restore(snapshot);
        const crashed = await batch(crash, false);
        expect(crashed).toMatchObject({ uploads: 1, resumes });
        expect(crashed.process.faulted).toBe(true);
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
    providerIds: [],
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

    for (const fault of crashes) {
      for (const step of crashSteps(clean.process.steps.length)) {
        await describedAs(labelOf(fault, step, clean.process.steps[step - 1]), async () => {
          await world.restore(snapshot);
          const crashed = await batch({ ...fault, step });
          expect(crashed.process.crashed).toBe(true);
          expect(crashed.process.steps).toHaveLength(step);
          await expectBatchPaidOnce(world.store, batchId, expected);
          expect(await ledgerState(world.store, scope())).toEqual(state);
        });
      }
    }
  });
});
