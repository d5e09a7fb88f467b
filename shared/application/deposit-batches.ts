import { funderOf } from '../auth/caller.ts';
import type { Principal } from '../auth/principal.ts';
import { isValidBsn } from '../identity/bsn.ts';
import { keyedDigest, personIdFromBsn } from '../identity/person-id.ts';
import { dateOf } from '../ledger/dates.ts';
import {
  type BatchRow,
  type BatchRowError,
  type ChunkResult,
  type DepositBatch,
  type DepositBatchChunk,
  groupBatchRows,
  planBatchPreparation,
  planBatchRow,
  planBatchSettlement,
  rowErrorMessage,
} from '../ledger/deposit-batch.ts';
import type { Employment } from '../ledger/employment.ts';
import { limits } from '../ledger/limits.ts';
import { fail, type Outcome, succeed } from '../ledger/outcome.ts';
import type { Scheme } from '../ledger/scheme.ts';
import type { SchemeTotalShard } from '../ledger/scheme-totals.ts';
import { logger } from '../runtime/logger.ts';
import type { BatchRowWrite, DepositBatchStore, SchemeStore } from '../store/ledger-store.ts';
import { auditActorOf, auditRecord } from './audit.ts';
import type { BatchMessage, BatchQueue } from './batch-queue.ts';
import type { UseCaseDependencies } from './dependencies.ts';
import type { Reply } from './reply.ts';
import { requestHash } from './request-hash.ts';
import { backoff, done, lost, retryWhileLost } from './retry.ts';

/**
 * Deposit batches, from the upload to the end (see `ledger/deposit-batch.ts` for the money):
 *
 * 1. **Accept** (`POST /v1/deposit-batches`): every row is checked on its own, BSNs become person
 *    ids, and the batch with its chunks is stored in one transaction; a `start` message goes on
 *    the queue and the caller gets 202 at once.
 * 2. **Start** (worker): the batch's preparation is decided once, reserving its money from the
 *    schemes, and each chunk not yet done goes on the queue.
 * 3. **Pay a chunk** (worker, several at once): its rows are written in groups, one transaction
 *    each; a row whose record exists was paid by an earlier delivery and is not paid again.
 * 4. **Settle** (whichever worker finishes the last chunk): what rows did not use goes back.
 *
 * Every step may run twice or be cut off anywhere, and the next delivery finishes it: each write
 * is conditional, and each row's record is keyed by the batch and the row.
 */

/** What the batch use cases use: the store, the queue and the clock. */
export type BatchDependencies = UseCaseDependencies<
  DepositBatchStore & Pick<SchemeStore, 'getScheme' | 'getSchemeTotals'>,
  'now' | 'randomInt'
> & { readonly queue: BatchQueue };

/** A data row as the edge read it: the fields as sent, and either the checked deposit or why it is refused. */
export interface CheckedRow {
  /** 1-based position among the data rows. */
  readonly row: number;
  readonly checked: CheckedDeposit | { readonly ok: false; readonly message: string };
}

/** A row whose fields are well formed (its BSN is not checked with the elfproef yet). */
export interface CheckedDeposit {
  readonly ok: true;
  readonly value: {
    readonly bsn: string;
    readonly schemeId: string;
    readonly amount: number;
    readonly reference?: string;
  };
}

export interface AcceptBatchInput {
  readonly rows: readonly CheckedRow[];
  /**
   * The upload as sent (its media type and text), which the batch's hash is taken of: the same key
   * with the same upload is the same batch.
   */
  readonly content: string;
  readonly idempotencyKey: string;
}

/**
 * Accepts a batch: stores it with its chunks and queues its start. The same key with the same rows
 * is the same batch (202 again, and its start queued again, which is harmless); with other rows it
 * is `idempotency_key_reused`. Uploads are compared by a keyed digest (HMAC) of what was sent, so
 * no BSN is kept even in a hash.
 */
export async function acceptDepositBatch(
  dependencies: BatchDependencies & Pick<UseCaseDependencies<unknown, 'personIdSecret'>, 'personIdSecret'>,
  principal: Principal,
  input: AcceptBatchInput,
): Promise<Outcome<Reply>> {
  const funder = funderOf(principal);
  const secret = dependencies.personIdSecret;
  // The scope of the caller's keys, as for single deposits: a key never collides with another client's.
  const scope = `${principal.role}:${funder.funderId}`;
  const batchId = `bat_${requestHash(scope, input.idempotencyKey).slice(0, 26)}`;
  // Keyed with the person id secret, as BSNs are: the upload holds BSNs, and a plain hash of a short
  // batch could be reversed by trying every BSN.
  const hash = keyedDigest(input.content, secret);

  const accepted: BatchRow[] = [];
  const refused: BatchRowError[] = [];
  for (const { row, checked } of input.rows) {
    if (!checked.ok) {
      refused.push({ row, code: 'validation_failed', message: checked.message });
    } else if (!isValidBsn(checked.value.bsn)) {
      refused.push({ row, code: 'unknown_person', message: rowErrorMessage('unknown_person', checked.value.schemeId) });
    } else {
      const { bsn, schemeId, amount, reference } = checked.value;
      accepted.push({
        row,
        personId: personIdFromBsn(bsn, secret),
        schemeId,
        amountCents: amount,
        ...(reference !== undefined && { reference }),
      });
    }
  }
  const now = dependencies.now();
  const chunks = chunksOf(batchId, input.rows.length, accepted, refused);
  const batch: DepositBatch = {
    batchId,
    funderId: funder.funderId,
    funder,
    createdBy: auditActorOf(principal),
    createdAt: now.toISOString(),
    requestHash: hash,
    total: input.rows.length,
    chunkCount: chunks.length,
    status: 'processing',
  };
  const audit = auditRecord(auditActorOf(principal), 'deposit_batch', now, {
    subject: { funderId: funder.funderId, batchId, idempotencyKey: input.idempotencyKey },
    amountCents: accepted.reduce((sum, row) => sum + row.amountCents, 0),
  });
  const created = await dependencies.store.createDepositBatch(batch, chunks, audit);
  if (created.kind === 'exists') {
    if (created.batch.requestHash !== hash || created.batch.funderId !== funder.funderId) {
      return fail(
        'idempotency_key_reused',
        'This Idempotency-Key was used for a batch with other rows. Use a new key for a new batch.',
      );
    }
  }
  const existing = created.kind === 'exists' ? created.batch : batch;
  // A batch that is stored but whose start message was lost is started again here, or by the
  // resume job; starting twice changes nothing.
  if (existing.status === 'processing') {
    try {
      await dependencies.queue.send([{ kind: 'start', batchId }]);
    } catch (error) {
      // The batch is stored: the resume job starts it, so the caller still gets its 202.
      logger.error('deposit batch stored but not queued; the resume job will start it', { batchId, error });
    }
  }
  return succeed({
    statusCode: 202,
    headers: { Location: `/v1/deposit-batches/${batchId}` },
    body: { batchId, total: existing.total },
  });
}

/** Splits the data rows 1…total into chunks of `limits.batchChunkRows`, each with its rows and refusals. */
function chunksOf(
  batchId: string,
  total: number,
  accepted: readonly BatchRow[],
  refused: readonly BatchRowError[],
): DepositBatchChunk[] {
  const size = limits.batchChunkRows;
  const chunks: DepositBatchChunk[] = [];
  for (let index = 0; index * size < total; index += 1) {
    const firstRow = index * size + 1;
    const lastRow = Math.min(total, firstRow + size - 1);
    const within = <T extends { readonly row: number }>(rows: readonly T[]) =>
      rows.filter((row) => row.row >= firstRow && row.row <= lastRow);
    chunks.push({
      batchId,
      index,
      firstRow,
      rowCount: lastRow - firstRow + 1,
      rows: within(accepted),
      errors: within(refused),
    });
  }
  return chunks;
}

/** Runs one message from the batch queue. Throws on an outage, so the queue delivers it again. */
export async function handleBatchMessage(
  dependencies: BatchDependencies,
  message: BatchMessage,
  hooks: ChunkHooks = {},
): Promise<void> {
  if (message.kind === 'start') await startDepositBatch(dependencies, message.batchId);
  else await payDepositBatchChunk(dependencies, message.batchId, message.chunk, hooks);
}

/**
 * Starts a batch: decides its preparation once (reading its rows, schemes, budgets and, for an
 * employer, the employments) and writes it with the reservation; then queues every chunk that is
 * not done. Run again, it only queues those chunks again, which is how a batch resumes.
 */
export async function startDepositBatch(dependencies: BatchDependencies, batchId: string): Promise<void> {
  const { store } = dependencies;
  const batch = await store.getDepositBatch(batchId);
  if (batch === undefined || batch.status === 'done') return;
  if (batch.preparation === undefined) {
    const chunks = await store.listDepositBatchChunks(batchId);
    const rows = chunks.flatMap((chunk) => chunk.rows);
    const schemes = await schemesOf(store, batch.funderId, rows);
    const employments: Map<string, Employment> =
      batch.funder.type === 'employer'
        ? await store.getEmployments(
            batch.funderId,
            rows.map((row) => row.personId),
          )
        : new Map();
    await retryWhileLost(
      async () => {
        const now = dependencies.now();
        const shards = new Map<string, SchemeTotalShard[]>();
        for (const scheme of schemes.values()) {
          if (scheme.budgetCents !== undefined) {
            shards.set(scheme.schemeId, await store.getSchemeTotals(batch.funderId, scheme.schemeId));
          }
        }
        const { totalChanges, refused, ...preparation } = planBatchPreparation({
          funder: batch.funder,
          rows,
          schemes,
          employments,
          shards,
          today: dateOf(now),
          shardStart: dependencies.randomInt(limits.schemeTotalShards),
        });
        const written = await store.prepareDepositBatch(
          batchId,
          { ...preparation, preparedAt: now.toISOString() },
          refused,
          totalChanges,
        );
        return written === 'budget_changed' || written === 'conflict' ? lost(written) : done(written);
      },
      () => {
        throw new Error(`startDepositBatch: batch ${batchId} kept meeting other writes; the queue will retry`);
      },
    );
  }
  const results = await store.listDepositBatchResults(batchId);
  const finished = new Set(results.map((result) => result.index));
  const pending: BatchMessage[] = [];
  for (let chunk = 0; chunk < batch.chunkCount; chunk += 1) {
    if (!finished.has(chunk)) pending.push({ kind: 'chunk', batchId, chunk });
  }
  if (pending.length > 0) await dependencies.queue.send(pending);
  else await settleDepositBatch(dependencies, batchId);
}

/** The caller's schemes its rows name; a scheme that does not exist is left out (its rows are refused). */
async function schemesOf(
  store: Pick<SchemeStore, 'getScheme'>,
  funderId: string,
  rows: readonly BatchRow[],
): Promise<Map<string, Scheme>> {
  const schemes = new Map<string, Scheme>();
  for (const schemeId of new Set(rows.map((row) => row.schemeId))) {
    const scheme = await store.getScheme(funderId, schemeId);
    if (scheme !== undefined) schemes.set(schemeId, scheme);
  }
  return schemes;
}

/** Test seams of a chunk's payment: called after each group of rows is written (a test may throw there). */
export interface ChunkHooks {
  readonly afterGroup?: (batchId: string, chunk: number, group: number) => void | Promise<void>;
}

/** Attempts at one group of rows before the message is left to the queue's redelivery. */
const groupAttemptsMax = 8;

/**
 * Pays one chunk: each row not refused yet is written with its pot, in groups of rows that fit one
 * transaction. A group refused because some rows were paid before (an earlier delivery) or their
 * employment has ended is written again without them; a group that lost a race is retried. Then
 * the chunk's result is recorded, and the batch settles if this was its last chunk.
 */
export async function payDepositBatchChunk(
  dependencies: BatchDependencies,
  batchId: string,
  index: number,
  hooks: ChunkHooks = {},
): Promise<void> {
  const { store } = dependencies;
  const batch = await store.getDepositBatch(batchId);
  if (batch === undefined || batch.status === 'done') return;
  const { preparation } = batch;
  if (preparation === undefined) {
    // A chunk ahead of its start (only a duplicate could be): start the batch, which queues it again.
    await dependencies.queue.send([{ kind: 'start', batchId }]);
    return;
  }
  const results = await store.listDepositBatchResults(batchId);
  if (!results.some((result) => result.index === index)) {
    const chunk = await store.getDepositBatchChunk(batchId, index);
    if (chunk === undefined) throw new Error(`payDepositBatchChunk: batch ${batchId} has no chunk ${index}`);
    const result = await payChunkRows(dependencies, batch, preparation, chunk, hooks);
    await store.completeDepositBatchChunk(batchId, result);
  }
  // The results are read again after this chunk's is written: of workers finishing the last chunks
  // at once, each writes its result before it reads all of them, so the last to read sees every
  // result and settles (the results read above may predate the others').
  await settleDepositBatch(dependencies, batchId);
}

async function payChunkRows(
  dependencies: BatchDependencies,
  batch: DepositBatch,
  preparation: NonNullable<DepositBatch['preparation']>,
  chunk: DepositBatchChunk,
  hooks: ChunkHooks,
): Promise<ChunkResult> {
  const { store } = dependencies;
  const refusedAtStart = new Map(
    (await store.getDepositBatchRefusals(batch.batchId)).map((refusal) => [refusal.row, refusal.code]),
  );
  const errors: BatchRowError[] = [...chunk.errors];
  const toPay: BatchRow[] = [];
  for (const row of chunk.rows) {
    const code = refusedAtStart.get(row.row);
    if (code === undefined) toPay.push(row);
    else errors.push({ row: row.row, code, message: rowErrorMessage(code, row.schemeId) });
  }
  const schemes = await schemesOf(store, batch.funderId, toPay);
  const paidCents: Record<string, number> = {};
  let succeeded = 0;
  const itemsPerRow = batch.funder.type === 'employer' ? 3 : 2;
  const groups = groupBatchRows(toPay, itemsPerRow);
  for (const [groupNumber, group] of groups.entries()) {
    let left = group;
    for (let attempt = 1; left.length > 0; attempt += 1) {
      if (attempt > groupAttemptsMax) {
        throw new Error(`payDepositBatchChunk: rows of batch ${batch.batchId} kept conflicting; the queue will retry`);
      }
      const writes = left.map((row) => rowWrite(batch, preparation.today, schemes, row, dependencies.now()));
      const result = await store.commitBatchRows(writes);
      if (result.kind === 'conflict') {
        await backoff(attempt);
        continue;
      }
      const paid = new Set(result.kind === 'refused' ? result.paidBefore : left.map((row) => row.row));
      const refused = new Set(result.kind === 'refused' ? result.refusedBefore : []);
      if (result.kind === 'refused' && result.notEmployed.length > 0) {
        // The refusal is recorded before it is counted, so no other delivery can pay the row later.
        const byRow = new Map(writes.map((write) => [write.row, write]));
        const decisions = await store.recordBatchRowRefusals(
          result.notEmployed.map((row) => ({ row, idempotency: refusalOf(byRow.get(row)) })),
        );
        for (const [row, decision] of decisions) (decision === 'paid' ? paid : refused).add(row);
      }
      for (const row of left) {
        if (paid.has(row.row)) {
          succeeded += 1;
          paidCents[row.schemeId] = (paidCents[row.schemeId] ?? 0) + row.amountCents;
        } else if (refused.has(row.row)) {
          errors.push({ row: row.row, code: 'not_employed', message: rowErrorMessage('not_employed', row.schemeId) });
        }
      }
      left = left.filter((row) => !paid.has(row.row) && !refused.has(row.row));
    }
    await hooks.afterGroup?.(batch.batchId, chunk.index, groupNumber);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    index: chunk.index,
    rowCount: chunk.rowCount,
    completedAt: dependencies.now().toISOString(),
    succeeded,
    paidCents,
    errors,
  };
}

/**
 * A row refused while paying, as its record holds it: under the key its payment would have had, the
 * answer a single deposit would have got (422 `not_employed`), and no transfer.
 */
function refusalOf(write: BatchRowWrite | undefined): BatchRowWrite['idempotency'] {
  if (write === undefined) throw new Error('payDepositBatchChunk: a refused row was not in its group');
  return {
    ...write.idempotency,
    response: { statusCode: 422, body: { code: 'not_employed' } },
  };
}

/** One row's write: its deposit, its record keyed by the batch and the row, and its audit entry. */
function rowWrite(
  batch: DepositBatch,
  today: string,
  schemes: ReadonlyMap<string, Scheme>,
  row: BatchRow,
  now: Date,
): BatchRowWrite {
  const scheme = schemes.get(row.schemeId);
  if (scheme === undefined) throw new Error(`payDepositBatchChunk: scheme ${row.schemeId} vanished after the start`);
  const { movement, transfer } = planBatchRow({ batchId: batch.batchId, scheme, row, today, at: now.toISOString() });
  return {
    row: row.row,
    movement,
    idempotency: {
      scope: `batch:${batch.batchId}`,
      key: `row:${row.row}`,
      requestHash: requestHash('deposit-batch-row', row),
      response: {
        statusCode: 201,
        body: {
          depositId: transfer.transferId,
          schemeId: transfer.schemeId,
          amount: transfer.amountCents,
          at: transfer.at,
        },
      },
      createdAt: now.toISOString(),
    },
    audit: auditRecord(batch.createdBy, 'deposit', now, {
      subject: {
        funderId: batch.funderId,
        schemeId: row.schemeId,
        personId: row.personId,
        batchId: batch.batchId,
        row: row.row,
        transferIds: [transfer.transferId],
      },
      amountCents: row.amountCents,
    }),
  };
}

/**
 * Ends a batch once every chunk is done: gives back to each scheme what its rows did not use and
 * records the totals. Two workers may both get here; the store lets only one write it.
 */
export async function settleDepositBatch(dependencies: BatchDependencies, batchId: string): Promise<void> {
  const { store } = dependencies;
  const batch = await store.getDepositBatch(batchId);
  if (batch === undefined || batch.status === 'done' || batch.preparation === undefined) return;
  const results = await store.listDepositBatchResults(batchId);
  if (results.length < batch.chunkCount) return;
  const progress = progressOf(results);
  const paid = new Map<string, number>();
  for (const result of results) {
    for (const [schemeId, cents] of Object.entries(result.paidCents))
      paid.set(schemeId, (paid.get(schemeId) ?? 0) + cents);
  }
  const { returned, totalChanges } = planBatchSettlement(batch.funderId, batch.preparation.reservations, paid);
  const now = dependencies.now();
  // The settlement is keyed by the batch: a retry after a conflict either writes it or finds it written.
  await retryWhileLost(
    async () => {
      const written = await store.settleDepositBatch(
        batchId,
        {
          settledAt: now.toISOString(),
          succeeded: progress.succeeded,
          failed: progress.failed,
          amountSucceededCents: progress.amountSucceededCents,
          returned,
        },
        totalChanges,
        auditRecord(batch.createdBy, 'deposit_batch_settle', now, {
          subject: { funderId: batch.funderId, batchId },
          amountCents: progress.amountSucceededCents,
        }),
      );
      return written === 'conflict' ? lost(written) : done(written);
    },
    () => {
      throw new Error(`settleDepositBatch: batch ${batchId} kept meeting other writes; the queue will retry`);
    },
  );
}

/** How far a batch is, from the results of its chunks that are done. */
export function progressOf(results: readonly ChunkResult[]): {
  readonly processed: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly amountSucceededCents: number;
} {
  let processed = 0;
  let succeeded = 0;
  let failed = 0;
  let amountSucceededCents = 0;
  for (const result of results) {
    processed += result.rowCount;
    succeeded += result.succeeded;
    failed += result.errors.length;
    for (const cents of Object.values(result.paidCents)) amountSucceededCents += cents;
  }
  return { processed, succeeded, failed, amountSucceededCents };
}

/** Queues the start of every batch still processing that was sent before `before` (all when omitted). */
export async function resumeDepositBatches(
  dependencies: Pick<BatchDependencies, 'queue'> & {
    readonly store: Pick<DepositBatchStore, 'listDepositBatchesProcessing'>;
  },
  before?: string,
): Promise<number> {
  const ids = await dependencies.store.listDepositBatchesProcessing(limits.jobBatchSizeMax, before);
  if (ids.length > 0) await dependencies.queue.send(ids.map((batchId) => ({ kind: 'start' as const, batchId })));
  return ids.length;
}
