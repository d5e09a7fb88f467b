import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { batchAccount, funderAccount } from '../../ledger/accounts.ts';
import type { AuditRecord } from '../../ledger/audit.ts';
import type {
  BatchRowRefusal,
  BatchSettlement,
  ChunkResult,
  DepositBatch,
  DepositBatchChunk,
} from '../../ledger/deposit-batch.ts';
import type { SchemeTotalChange } from '../../ledger/transfer.ts';
import type { BatchRowsResult, BatchRowWrite, IdempotencyClaim, Page, PageRequest } from '../ledger-store.ts';
import type { LedgerLeg } from '../reconcile.ts';
import { isTransientFailure } from '../transient-failure.ts';
import { auditPut } from './audit-trail.ts';
import { totalUpdate } from './balance-updates.ts';
import { itemDoesNotExist } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import type { Item } from './items.ts';
import { key, type TableKey, workList } from './keys.ts';
import { movementItems } from './movement-items.ts';
import { type MovementRecord, movementRecordFromItem, movementRecordItem } from './movement-record.ts';
import { putIfAbsent } from './put-if-absent.ts';
import { queryAll, queryIndexPage, queryWorkList } from './queries.ts';
import { type RoledItem, transact } from './transact.ts';

/**
 * Deposit batches in the table. A batch is one item (`BATCH#<batchId>` / `BATCH`) and its rows are
 * chunk items in the same partition (`CHUNK#<index>`), so one Query reads a batch's progress.
 *
 * - The batch item is listed on gsi1 under its organisation (`FUNDER#<id>#BATCHES`, newest first)
 *   and, while it is processing, on the gsi3 work list `DUE#batch`, from which a restarted runtime
 *   or the resume job picks up batches that lost their messages.
 * - Rows, errors and results are kept as raw DEFLATE of their JSON in binary attributes: a chunk
 *   of 250 rows with references is some 40 KB as JSON and far less packed, well within 400 KB.
 * - A chunk's result, once it is done, is an item of its own (`RESULT#<index>`), so progress and
 *   the settlement read only results, never rows.
 * - The batch item is written three times in its life (sent, started, ended), each chunk once and
 *   each result once, whatever the number of rows: no item is written per row but the row's own
 *   pot and movement record.
 */

export const batchEntity = 'depositBatch';
const chunkEntity = 'depositBatchChunk';
const resultEntity = 'depositBatchResult';
const refusalsEntity = 'depositBatchRefusals';
const chunkPrefix = 'CHUNK#';
const resultPrefix = 'RESULT#';

function padded(index: number): string {
  return index.toString().padStart(4, '0');
}

/** The partition of a batch and its chunks. */
function batchPartition(batchId: string): string {
  return `BATCH#${batchId}`;
}

export const batchKey = {
  batch: (batchId: string): TableKey => ({ pk: batchPartition(batchId), sk: 'BATCH' }),
  chunk: (batchId: string, index: number): TableKey => ({
    pk: batchPartition(batchId),
    sk: `${chunkPrefix}${padded(index)}`,
  }),
  refusals: (batchId: string): TableKey => ({ pk: batchPartition(batchId), sk: 'REFUSED' }),
  result: (batchId: string, index: number): TableKey => ({
    pk: batchPartition(batchId),
    sk: `${resultPrefix}${padded(index)}`,
  }),
};

/** The gsi1 partition that lists an organisation's batches. */
export function batchList(funderId: string): string {
  return `FUNDER#${funderId}#BATCHES`;
}

function pack(value: unknown): Uint8Array {
  return deflateRawSync(JSON.stringify(value));
}

function unpack<T>(value: unknown, what: string): T {
  if (!(value instanceof Uint8Array)) throw new Error(`deposit batch: ${what} is missing`);
  return JSON.parse(inflateRawSync(value).toString('utf8')) as T;
}

function batchSortKey(batch: Pick<DepositBatch, 'createdAt' | 'batchId'>): string {
  return `BATCH#${batch.createdAt}#${batch.batchId}`;
}

/** The batch as an item (small: its start's refused rows are an item of their own). */
export function batchItem(batch: DepositBatch): Item {
  const { preparation, status, settlement, ...rest } = batch;
  return {
    ...batchKey.batch(batch.batchId),
    entity: batchEntity,
    batch: rest,
    status,
    ...(preparation !== undefined && { preparation: pack(preparation) }),
    ...(settlement !== undefined && { settlement }),
    gsi1pk: batchList(batch.funderId),
    gsi1sk: batchSortKey(batch),
    ...(batch.status === 'processing' && { gsi3pk: workList.batch, gsi3sk: `${batch.createdAt}#${batch.batchId}` }),
  };
}

/** The batch an item holds (from the table or gsi1, which projects every attribute). */
export function batchFromItem(item: Item): DepositBatch {
  const batch = item['batch'] as Omit<DepositBatch, 'preparation' | 'status' | 'settlement'>;
  const settlement = item['settlement'] as BatchSettlement | undefined;
  return {
    ...batch,
    status: item['status'] as DepositBatch['status'],
    ...(item['preparation'] !== undefined && {
      preparation: unpack<NonNullable<DepositBatch['preparation']>>(item['preparation'], 'preparation'),
    }),
    ...(settlement !== undefined && { settlement }),
  };
}

function chunkItem(chunk: DepositBatchChunk): Item {
  return {
    ...batchKey.chunk(chunk.batchId, chunk.index),
    entity: chunkEntity,
    firstRow: chunk.firstRow,
    rowCount: chunk.rowCount,
    rows: pack(chunk.rows),
    errors: pack(chunk.errors),
  };
}

function chunkFromItem(batchId: string, item: Item): DepositBatchChunk {
  const index = Number((item['sk'] as string).slice(chunkPrefix.length));
  return {
    batchId,
    index,
    firstRow: item['firstRow'] as number,
    rowCount: item['rowCount'] as number,
    rows: unpack(item['rows'], `rows of chunk ${index}`),
    errors: unpack(item['errors'], `errors of chunk ${index}`),
  };
}

/**
 * Stores a new batch with its chunks and audit entry in one transaction, so a batch is never
 * half stored. Its id is derived from the caller's key, so an existing item means a retry or a
 * reused key: it is handed back (`ALL_OLD`) for the caller to tell which.
 */
export async function createDepositBatch(
  dynamo: DynamoContext,
  batch: DepositBatch,
  chunks: readonly DepositBatchChunk[],
  audit: AuditRecord,
): Promise<{ readonly kind: 'created' } | { readonly kind: 'exists'; readonly batch: DepositBatch }> {
  const items: RoledItem[] = [
    {
      role: 'idempotency',
      item: {
        Put: {
          TableName: dynamo.tableName,
          Item: batchItem(batch),
          ConditionExpression: itemDoesNotExist,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    },
    ...chunks.map(
      (chunk): RoledItem => ({
        role: 'batch-chunk',
        item: { Put: { TableName: dynamo.tableName, Item: chunkItem(chunk), ConditionExpression: itemDoesNotExist } },
      }),
    ),
    auditPut(dynamo.tableName, audit),
  ];
  // A failed condition on the batch item means it exists. A cancellation for any other reason (a
  // twin request writing the same batch at this moment, which DynamoDB answers with a transaction
  // conflict) also ends in reading the batch: when it is there, it is handed back like an existing one.
  const result = await transact(dynamo, 'createDepositBatch', items, (cancellation) => ({
    kind: 'exists' as const,
    cancellation,
  }));
  if (result.kind === 'committed') return { kind: 'created' };
  const existing = await getDepositBatch(dynamo, batch.batchId);
  // Not there: the transaction met another one (a twin request that has not written yet, or any
  // conflict) and wrote nothing. The cancellation says so, and is answered as such: 503, try again.
  if (existing === undefined) throw result.cancellation.error;
  return { kind: 'exists', batch: existing };
}

export async function getDepositBatch(dynamo: DynamoContext, batchId: string): Promise<DepositBatch | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: batchKey.batch(batchId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : batchFromItem(result.Item);
}

export async function getDepositBatchChunk(
  dynamo: DynamoContext,
  batchId: string,
  index: number,
): Promise<DepositBatchChunk | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: batchKey.chunk(batchId, index), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : chunkFromItem(batchId, result.Item);
}

export async function listDepositBatchChunks(dynamo: DynamoContext, batchId: string): Promise<DepositBatchChunk[]> {
  const items = await queryAll(dynamo, batchPartition(batchId), chunkPrefix, 'listDepositBatchChunks');
  return items.map((item) => chunkFromItem(batchId, item));
}

/**
 * The batch's start and its reservation from the scheme totals, as one transaction. The batch
 * item's condition makes a second start (a redelivered message) change nothing; a budget shard's
 * condition failing means another deposit took budget since it was read.
 */
export async function prepareDepositBatch(
  dynamo: DynamoContext,
  batchId: string,
  preparation: NonNullable<DepositBatch['preparation']>,
  refused: readonly BatchRowRefusal[],
  totalChanges: readonly SchemeTotalChange[],
): Promise<'prepared' | 'already_prepared' | 'budget_changed' | 'conflict'> {
  const items: RoledItem[] = [
    {
      // Row and code only, packed: 10,000 refusals are a few tens of KB, whatever the rows named.
      role: 'batch-chunk',
      item: {
        Put: {
          TableName: dynamo.tableName,
          Item: {
            ...batchKey.refusals(batchId),
            entity: refusalsEntity,
            refused: pack(refused.map(({ row, code }) => [row, code])),
          },
          ConditionExpression: itemDoesNotExist,
        },
      },
    },
    {
      role: 'batch',
      item: {
        Update: {
          TableName: dynamo.tableName,
          Key: batchKey.batch(batchId),
          UpdateExpression: 'SET #preparation = :preparation',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#preparation)',
          ExpressionAttributeNames: { '#preparation': 'preparation' },
          ExpressionAttributeValues: { ':preparation': pack(preparation) },
        },
      },
    },
    ...totalChanges.map((change) => totalUpdate(dynamo.tableName, change)),
  ];
  const result = await transact(dynamo, 'prepareDepositBatch', items, (cancellation) => {
    if (cancellation.failed('batch') || cancellation.failed('batch-chunk')) return 'already_prepared' as const;
    if (cancellation.failed('budget')) return 'budget_changed' as const;
    if (isTransientFailure(cancellation.error)) return 'conflict' as const;
    throw cancellation.error;
  });
  return typeof result === 'string' ? result : 'prepared';
}

/**
 * A group of rows as one transaction: per row its movement record (keyed by the batch and the row,
 * so it can be written once), its employment check and its pot. A refusal names the rows: those
 * whose record exists were decided before (paid, or refused, by another delivery), those whose
 * employment has ended are refused now.
 */
export async function commitBatchRows(dynamo: DynamoContext, rows: readonly BatchRowWrite[]): Promise<BatchRowsResult> {
  const items = rows.flatMap((row) =>
    movementItems(dynamo.tableName, row.movement, { idempotency: row.idempotency, audit: row.audit }).map(
      (item): RoledItem => ({ ...item, subject: String(row.row) }),
    ),
  );
  return transact(dynamo, 'commitBatchRows', items, (cancellation): BatchRowsResult => {
    const decidedBefore = cancellation.failures.flatMap((failure) =>
      failure.role === 'idempotency' && failure.subject !== undefined
        ? [{ row: Number(failure.subject), paid: wasPaid(failure.oldItem) }]
        : [],
    );
    const notEmployed = cancellation.subjects('employment').map(Number);
    if (decidedBefore.length === 0 && notEmployed.length === 0) return { kind: 'conflict' };
    return {
      kind: 'refused',
      paidBefore: decidedBefore.filter((row) => row.paid).map((row) => row.row),
      refusedBefore: decidedBefore.filter((row) => !row.paid).map((row) => row.row),
      notEmployed,
    };
  });
}

/** Whether a row's record (as a cancellation handed it back) is a payment; a refusal's answer is not 201. */
function wasPaid(oldItem: Record<string, AttributeValue> | undefined): boolean {
  if (oldItem === undefined) throw new Error('commitBatchRows: a row record exists but was not handed back');
  return movementRecordFromItem(unmarshall(oldItem)).idempotency?.response.statusCode === 201;
}

/**
 * Records rows refused while paying (their employment ended), each under the key its payment would
 * have had, only while absent: the first decision about a row stands, so a later delivery cannot pay
 * a row an earlier one counted as refused, nor the reverse. Answers, per row, the decision that
 * stands: `paid` when another delivery paid the row first.
 */
export async function recordBatchRowRefusals(
  dynamo: DynamoContext,
  rows: ReadonlyArray<{ readonly row: number; readonly idempotency: IdempotencyClaim }>,
): Promise<Map<number, 'paid' | 'refused'>> {
  const decisions = new Map<number, 'paid' | 'refused'>();
  for (const { row, idempotency } of rows) {
    const record: MovementRecord = {
      idempotency: {
        requestHash: idempotency.requestHash,
        response: idempotency.response,
        createdAt: idempotency.createdAt,
      },
    };
    try {
      await dynamo.documents.send(
        new PutCommand({
          TableName: dynamo.tableName,
          Item: movementRecordItem(key.idempotency(idempotency.scope, idempotency.key), record),
          ConditionExpression: itemDoesNotExist,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      decisions.set(row, 'refused');
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      decisions.set(row, wasPaid(error.Item) ? 'paid' : 'refused');
    }
  }
  return decisions;
}

export async function getDepositBatchRefusals(dynamo: DynamoContext, batchId: string): Promise<BatchRowRefusal[]> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: batchKey.refusals(batchId), ConsistentRead: true }),
  );
  if (result.Item === undefined) return [];
  const packed = unpack<Array<[number, BatchRowRefusal['code']]>>(result.Item['refused'], 'refusals');
  return packed.map(([row, code]) => ({ row, code }));
}

export async function listDepositBatchResults(dynamo: DynamoContext, batchId: string): Promise<ChunkResult[]> {
  const items = await queryAll(dynamo, batchPartition(batchId), resultPrefix, 'listDepositBatchResults');
  return items.map((item) => unpack<ChunkResult>(item['result'], `result ${String(item['sk'])}`));
}

/**
 * Records a chunk's result as an item of its own, next to the chunk; a second result (from a
 * redelivered message) is dropped and the first stands.
 */
export async function completeDepositBatchChunk(
  dynamo: DynamoContext,
  batchId: string,
  result: ChunkResult,
): Promise<void> {
  await putIfAbsent(dynamo, {
    ...batchKey.result(batchId, result.index),
    entity: resultEntity,
    result: pack(result),
  });
}

/**
 * The batch's end, as one transaction: the batch item `done` with its settlement (leaving the
 * work list), what goes back to the scheme totals, and the audit entry; only while it is processing.
 */
export async function settleDepositBatch(
  dynamo: DynamoContext,
  batchId: string,
  settlement: BatchSettlement,
  totalChanges: readonly SchemeTotalChange[],
  audit: AuditRecord,
): Promise<'settled' | 'already_settled' | 'conflict'> {
  const items: RoledItem[] = [
    {
      role: 'batch',
      item: {
        Update: {
          TableName: dynamo.tableName,
          Key: batchKey.batch(batchId),
          UpdateExpression: 'SET #status = :done, #settlement = :settlement REMOVE gsi3pk, gsi3sk',
          ConditionExpression: 'attribute_exists(#preparation) AND attribute_not_exists(#settlement)',
          ExpressionAttributeNames: { '#status': 'status', '#settlement': 'settlement', '#preparation': 'preparation' },
          ExpressionAttributeValues: { ':done': 'done', ':settlement': settlement },
        },
      },
    },
    ...totalChanges.map((change) => totalUpdate(dynamo.tableName, change)),
    auditPut(dynamo.tableName, audit),
  ];
  const result = await transact(dynamo, 'settleDepositBatch', items, (cancellation) => {
    if (cancellation.failed('batch')) return 'already_settled' as const;
    if (isTransientFailure(cancellation.error)) return 'conflict' as const;
    throw cancellation.error;
  });
  return typeof result === 'string' ? result : 'settled';
}

export async function listDepositBatches(
  dynamo: DynamoContext,
  funderId: string,
  page: PageRequest,
): Promise<Page<DepositBatch>> {
  const result = await queryIndexPage(
    dynamo,
    {
      indexName: 'gsi1',
      partition: batchList(funderId),
      prefix: 'BATCH#',
      ascending: false,
      tableKeyOf: (sortKey) => {
        const batchId = sortKey.split('#').at(-1) ?? '';
        return batchKey.batch(batchId);
      },
    },
    page,
  );
  return { ...result, items: result.items.map(batchFromItem) };
}

export async function listDepositBatchesProcessing(
  dynamo: DynamoContext,
  limit: number,
  before = '\uffff',
): Promise<string[]> {
  const items = await queryWorkList(dynamo, workList.batch, before, limit);
  return items.map((item) => (item['pk'] as string).slice('BATCH#'.length));
}

/** The money a batch's own record moved: each reservation from the funder, each return to it. */
export function depositBatchLegs(batch: DepositBatch): LedgerLeg[] {
  const legs: LedgerLeg[] = [];
  for (const reservation of batch.preparation?.reservations ?? []) {
    legs.push({
      debitAccount: funderAccount(batch.funderId, reservation.schemeId),
      creditAccount: batchAccount(batch.batchId, reservation.schemeId),
      amountCents: reservation.reservedCents,
    });
  }
  for (const returned of batch.settlement?.returned ?? []) {
    legs.push({
      debitAccount: batchAccount(batch.batchId, returned.schemeId),
      creditAccount: funderAccount(batch.funderId, returned.schemeId),
      amountCents: returned.amountCents,
    });
  }
  return legs;
}
