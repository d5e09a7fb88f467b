import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { createDepositBatch } from '../../functions/create-deposit-batch/use-case.ts';
import { createScheme } from '../../functions/create-scheme/use-case.ts';
import { LocalQueue } from '../../infra/local/local-queue.ts';
import { parseBatchMessage } from '../../shared/application/batch-queue.ts';
import { type BatchDependencies, handleBatchMessage } from '../../shared/application/deposit-batches.ts';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import type { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { runBatchesEndToEnd } from './batches-end-to-end.ts';
import { runInFlight } from './in-flight.ts';
import { itemSizeBytes, writeUnitBytes } from './item-size.ts';
import { itemCostsOf, type Probe } from './use-case-cost.ts';
import { benchPersonIdSecret, funderPrincipal } from './world.ts';

/**
 * Deposit batches (`BENCH_ONLY=batches`, and part of the full run): a 10,000-row CSV batch end to
 * end through the local server (batches-end-to-end.ts: uploaded, checked, stored, queued, paid by
 * the worker on the in-process queue `npm start` uses, settled), two such batches at once, and
 * single deposits through the same server for comparison; then, through the use cases directly,
 * the same comparison without HTTP, write units per row by DynamoDB's rules, and a grant of
 * 100,000 rows as 10 batches at once with the writes to its hottest item counted. All on DynamoDB
 * Local.
 */

export interface BatchFigures {
  /** End to end through the local server (batches-end-to-end.ts): upload until done. */
  readonly rows10k: { readonly seconds: number; readonly rowsPerSecond: number };
  readonly rows20k: { readonly seconds: number; readonly rowsPerSecond: number; readonly over10k: number };
  /** Single deposits through the same server, for comparison. */
  readonly singleDeposits: { readonly count: number; readonly inFlight: number; readonly perSecond: number };
  /** Batch rows per second over single deposits per second, both end to end. */
  readonly rowsPerSecondRatio: number;
  /**
   * The same comparison one layer down: the use cases called directly, no HTTP, no authorizer. What
   * a batch saves there is only DynamoDB's work per row, which DynamoDB Local bounds (see the README).
   */
  readonly inProcess: {
    readonly rows10kSeconds: number;
    readonly rowsPerSecond: number;
    readonly singlesPerSecond: number;
    readonly ratio: number;
  };
  readonly writeUnits: {
    readonly rows: number;
    /** Every write of the batch, by DynamoDB's rules (table and indexes), per row. */
    readonly perRow: number;
    /** Of which the rows' own items (movement record, pot, their index entries), per row. */
    readonly rowsOwnPerRow: number;
    /** Of which the batch, its chunks, results, reservation and settlement, per row. */
    readonly overheadPerRow: number;
    readonly byRole: Readonly<Record<string, number>>;
  };
  readonly grant: {
    readonly rows: number;
    readonly batches: number;
    readonly seconds: number;
    readonly rowsPerSecond: number;
    /** Writes to the most written table item during the grant, and which items those were. */
    readonly hottestItemWrites: number;
    readonly hottestItems: ReadonlyArray<{ readonly item: string; readonly writes: number }>;
  };
}

/** Worker invocations at once, as `npm start` runs them (`infra/local/start.ts`). */
const workerConcurrency = 4;
/** Single deposits measured, and how many are in flight at once (as the throughput phase). */
const singleDepositsCount = 1_000;
const singleDepositsInFlight = 16;
const grantBatches = 10;
const batchRows = 10_000;
/** Rows of the batch whose writes are costed item by item (one worker, so before-images are exact). */
const costedRows = 500;

/** Valid BSNs from `start` up, each the first valid number of its block of ten: a cheap, distinct supply. */
function bsns(count: number, start: number): string[] {
  const found: string[] = [];
  for (let candidate = start; found.length < count; candidate += 1) {
    const bsn = String(candidate);
    if (bsn.length !== 9) throw new Error('bench: ran out of nine-digit numbers');
    if (isValidBsn(bsn)) found.push(bsn);
  }
  return found;
}

function csvOf(rows: readonly string[], schemeId: string): string {
  return [
    'bsn;schemeId;amount;reference',
    ...rows.map((bsn, index) => `${bsn};${schemeId};${100 + (index % 50)};Grant 2027`),
  ].join('\r\n');
}

/** The batch machinery on the given store: the use cases and a worker queue like `npm start`'s. */
function batchRunner(store: DynamoLedgerStore, concurrency: number) {
  let queue: LocalQueue;
  const dependencies = (): BatchDependencies => ({
    store,
    now: () => new Date(),
    randomInt: (n) => randomInt(n),
    queue,
  });
  queue = new LocalQueue({
    consumer: async (event) => {
      const failures = [];
      for (const record of event.Records) {
        const message = parseBatchMessage(record.body);
        try {
          if (message === undefined) throw new Error('bench: not a batch message');
          await handleBatchMessage(dependencies(), message);
        } catch (error) {
          console.error('bench: a batch message failed', error);
          failures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures: failures };
    },
    visibilityTimeoutMs: 120_000,
    concurrency,
    maxReceiveCount: 3,
  });
  return {
    queue,
    /** Sends one CSV batch and resolves with its id once accepted (not yet paid). */
    async send(csv: string, key: string): Promise<string> {
      const outcome = await createDepositBatch(
        { ...dependencies(), personIdSecret: benchPersonIdSecret },
        funderPrincipal,
        {
          body: { contentType: 'text/csv', text: csv },
          idempotencyKey: key,
        },
      );
      if (!outcome.ok) throw new Error(`bench: batch refused: ${outcome.code}`);
      return (outcome.value.body as { batchId: string }).batchId;
    },
    /** Waits for the queue to drain and checks that every row of each batch was paid. */
    async finished(batchIds: readonly string[], rowsEach: number): Promise<void> {
      await queue.idle();
      for (const batchId of batchIds) {
        const batch = await store.getDepositBatch(batchId);
        if (batch?.settlement?.succeeded !== rowsEach) {
          throw new Error(`bench: batch ${batchId} paid ${batch?.settlement?.succeeded} of ${rowsEach} rows`);
        }
      }
    },
  };
}

/** Counts every write to a table item (transaction items that write, puts, updates, deletes) by key. */
function countWrites(client: DynamoDBClient): { counts: Map<string, number>; reset(): void } {
  const counts = new Map<string, number>();
  const add = (key: Record<string, unknown> | undefined) => {
    const part = (name: string) => String((key?.[name] as { S?: string } | undefined)?.S ?? key?.[name]);
    const text = `${part('pk')}|${part('sk')}`;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  const writeCommands = new Set([
    'TransactWriteItemsCommand',
    'PutItemCommand',
    'UpdateItemCommand',
    'DeleteItemCommand',
  ]);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        TransactItems?: TransactWriteItem[];
        Item?: Record<string, unknown>;
        Key?: Record<string, unknown>;
      };
      const result = await next(args);
      if (!writeCommands.has(context.commandName ?? '')) return result;
      for (const item of input.TransactItems ?? []) {
        if (item.Put !== undefined) add(item.Put.Item);
        else if (item.Update !== undefined) add(item.Update.Key);
        else if (item.Delete !== undefined) add(item.Delete.Key);
      }
      if (input.Item !== undefined) add(input.Item);
      else if (input.TransactItems === undefined && input.Key !== undefined) add(input.Key);
      return result;
    },
    { step: 'build', name: 'benchWriteCounter' },
  );
  return { counts, reset: () => counts.clear() };
}

export async function measureBatches(options: {
  readonly store: DynamoLedgerStore;
  readonly client: DynamoDBClient;
  readonly probe: Probe;
  readonly runId: string;
}): Promise<BatchFigures> {
  const { store, client, probe, runId } = options;
  const schemeId = 'bench-batch';
  const singleSchemeId = 'bench-batch-single';
  for (const id of [schemeId, singleSchemeId]) {
    const outcome = await createScheme({ store, now: () => new Date() }, funderPrincipal, {
      schemeId: id,
      label: `Batch benchmark ${id}`,
      expiresAfterMonths: 24,
    });
    if (!outcome.ok && outcome.code !== 'scheme_exists') throw new Error(`bench: scheme ${id}: ${outcome.code}`);
  }
  // Persons: [0, 10k) the one batch, [10k, 30k) the two, [30k, 31k) single deposits, [31k, 31.5k) the
  // costed batch, and from 40k the grant; every row a person of its own, as in a yearly grant.
  const grantStart = 4 * batchRows;
  const people = bsns(grantStart + grantBatches * batchRows, 100_000_000);
  const slice = (from: number, count: number) => people.slice(from, from + count);

  // Write units by DynamoDB's rules, on a batch worked by one worker so each before-image is exact.
  console.log(`  write units: a batch of ${costedRows} rows, every write costed by DynamoDB's rules…`);
  const costed = batchRunner(probe.store, 1);
  const writtenByPut: Array<Record<string, unknown>> = [];
  probe.client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Item?: Record<string, unknown>; TransactItems?: unknown };
      if (input.TransactItems === undefined && input.Item !== undefined) writtenByPut.push(input.Item);
      return next(args);
    },
    { step: 'build', name: 'benchPutItems', override: true },
  );
  probe.instrumented.take();
  probe.before.clear();
  const costedId = await costed.send(
    csvOf(slice(3 * batchRows + singleDepositsCount, costedRows), schemeId),
    `${runId}-costed`,
  );
  await costed.finished([costedId], costedRows);
  const { transactItems } = probe.instrumented.take();
  const items = await itemCostsOf(probe, transactItems);
  const byRole: Record<string, number> = {};
  let rowsOwn = 0;
  let total = 0;
  for (const item of items) {
    const units = item.writeUnits + item.indexWriteUnits;
    total += units;
    byRole[item.role] = (byRole[item.role] ?? 0) + units;
    if (item.role === 'movement record' || item.role === 'pot') rowsOwn += units;
  }
  for (const item of writtenByPut) {
    // A plain put: one write unit per started KB (the chunk results).
    const units = Math.max(1, Math.ceil(itemSizeBytes(item as never) / writeUnitBytes));
    total += units;
    byRole['chunk result'] = (byRole['chunk result'] ?? 0) + units;
  }
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const writeUnits = {
    rows: costedRows,
    perRow: round2(total / costedRows),
    rowsOwnPerRow: round2(rowsOwn / costedRows),
    overheadPerRow: round2((total - rowsOwn) / costedRows),
    byRole: Object.fromEntries(Object.entries(byRole).map(([role, units]) => [role, round2(units / costedRows)])),
  };

  const endToEnd = await runBatchesEndToEnd();

  const runner = batchRunner(store, workerConcurrency);
  console.log(`  in process: one batch of ${batchRows} rows…`);
  let started = performance.now();
  const oneId = await runner.send(csvOf(slice(0, batchRows), schemeId), `${runId}-10k`);
  await runner.finished([oneId], batchRows);
  const seconds10k = (performance.now() - started) / 1000;

  console.log(`  in process: ${singleDepositsCount} single deposits, ${singleDepositsInFlight} in flight…`);
  const singles = slice(3 * batchRows, singleDepositsCount);
  started = performance.now();
  await runInFlight(singles.length, singleDepositsInFlight, async (index) => {
    const outcome = await createDeposit(
      { store, personIdSecret: benchPersonIdSecret, now: () => new Date(), randomInt: (n) => randomInt(n) },
      funderPrincipal,
      {
        bsn: singles[index] as string,
        schemeId: singleSchemeId,
        amount: 100,
        idempotencyKey: `${runId}-single-${index}`,
      },
    );
    if (!outcome.ok) throw new Error(`bench: single deposit refused: ${outcome.code}`);
  });
  const singlesPerSecond = singleDepositsCount / ((performance.now() - started) / 1000);

  console.log(
    `  a grant of ${grantBatches * batchRows} rows: ${grantBatches} batches at once, writes counted per item…`,
  );
  const writes = countWrites(client);
  writes.reset();
  started = performance.now();
  const grantIds = await Promise.all(
    Array.from({ length: grantBatches }, (_, index) =>
      runner.send(csvOf(slice(grantStart + index * batchRows, batchRows), schemeId), `${runId}-grant-${index}`),
    ),
  );
  await runner.finished(grantIds, batchRows);
  const grantSeconds = (performance.now() - started) / 1000;
  const hottest = [...writes.counts].sort((a, b) => b[1] - a[1]).slice(0, 5);

  const rowsPerSecond10k = batchRows / endToEnd.rows10kSeconds;
  const inProcessRowsPerSecond = batchRows / seconds10k;
  return {
    rows10k: { seconds: round2(endToEnd.rows10kSeconds), rowsPerSecond: Math.round(rowsPerSecond10k) },
    rows20k: {
      seconds: round2(endToEnd.rows20kSeconds),
      rowsPerSecond: Math.round((2 * batchRows) / endToEnd.rows20kSeconds),
      over10k: round2(endToEnd.rows20kSeconds / endToEnd.rows10kSeconds),
    },
    singleDeposits: {
      count: endToEnd.singlesCount,
      inFlight: endToEnd.singlesInFlight,
      perSecond: Math.round(endToEnd.singlesPerSecond),
    },
    rowsPerSecondRatio: round2(rowsPerSecond10k / endToEnd.singlesPerSecond),
    inProcess: {
      rows10kSeconds: round2(seconds10k),
      rowsPerSecond: Math.round(inProcessRowsPerSecond),
      singlesPerSecond: Math.round(singlesPerSecond),
      ratio: round2(inProcessRowsPerSecond / singlesPerSecond),
    },
    writeUnits,
    grant: {
      rows: grantBatches * batchRows,
      batches: grantBatches,
      seconds: round2(grantSeconds),
      rowsPerSecond: Math.round((grantBatches * batchRows) / grantSeconds),
      hottestItemWrites: hottest[0]?.[1] ?? 0,
      hottestItems: hottest.map(([item, count]) => ({
        item: item.replace(/PERSON#[^|#]+/, 'PERSON#…'),
        writes: count,
      })),
    },
  };
}

/** The summary keys the issue names. */
export function batchSummary(figures: BatchFigures): Record<string, number> {
  return {
    batch10kSeconds: figures.rows10k.seconds,
    batchRowsPerSecondRatio: figures.rowsPerSecondRatio,
    batch20kOver10k: figures.rows20k.over10k,
    wcuPerBatchRow: figures.writeUnits.perRow,
    grantHottestItemWrites: figures.grant.hottestItemWrites,
    grantRowsPerSecond: figures.grant.rowsPerSecond,
  };
}

/** Lines for the printed report. */
export function batchReport(figures: BatchFigures): string[] {
  const { rows10k, rows20k, singleDeposits } = figures;
  return [
    'Deposit batches',
    `  10,000 rows, upload to done   ${rows10k.seconds} s (${rows10k.rowsPerSecond} rows/s; goal ≤ 60 s)`,
    `  20,000 rows (2 batches)       ${rows20k.seconds} s, ${rows20k.over10k}× the 10,000 (goal ≤ 2.2×)`,
    `  single deposits               ${singleDeposits.perSecond}/s (${singleDeposits.inFlight} in flight)`,
    `  batch rows / single deposits  ${figures.rowsPerSecondRatio}× (goal ≥ 5×)`,
    `  the same in process           ${figures.inProcess.rows10kSeconds} s for 10,000 rows, ` +
      `${figures.inProcess.rowsPerSecond} rows/s, singles ${figures.inProcess.singlesPerSecond}/s: ` +
      `${figures.inProcess.ratio}×`,
    `  WCU per batch row (rules)     ${figures.writeUnits.perRow} (rows' own ${figures.writeUnits.rowsOwnPerRow}, ` +
      `batch overhead ${figures.writeUnits.overheadPerRow}) ${JSON.stringify(figures.writeUnits.byRole)}`,
    `  grant of ${figures.grant.rows} rows          ` +
      `${figures.grant.seconds} s, ${figures.grant.rowsPerSecond} rows/s; ` +
      `hottest item written ${figures.grant.hottestItemWrites}× (goal ≤ 100): ` +
      figures.grant.hottestItems.map((entry) => `${entry.item} ${entry.writes}`).join(', '),
  ];
}
