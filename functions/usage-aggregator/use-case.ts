import { done, lost, type RetryOptions, retryWhileLost } from '../../shared/application/retry.ts';
import { compareSequenceNumbers } from '../../shared/application/sequence-number.ts';
import { personHash } from '../../shared/identity/person-hash.ts';
import { limits } from '../../shared/ledger/limits.ts';
import {
  emptyUsageDay,
  type UsageDayKey,
  type UsageEntry,
  usageDayId,
  usageEntryOf,
  withUsageEntries,
} from '../../shared/ledger/usage.ts';
import type { ShardMark, UsageAggregateStore, UsageStreamRecord } from '../../shared/store/usage-store.ts';

/** One batch of one stream shard, oldest record first (as Lambda and the local reader deliver them). */
export interface UsageStreamBatch {
  readonly shardId: string;
  readonly records: readonly UsageStreamRecord[];
}

export interface UsageAggregationDependencies {
  readonly store: UsageAggregateStore;
  readonly now: () => Date;
}

export interface UsageAggregationOptions {
  /** Reports an aggregate that could not be written; the handler logs it. */
  readonly onFailure?: (aggregate: UsageDayKey, error: unknown) => void;
  readonly retry?: RetryOptions;
}

/** What a batch came to. */
export interface UsageAggregationResult {
  /** The first record not counted, from which the batch must be delivered again; absent when all were. */
  readonly failedSequenceNumber?: string;
  /** Aggregates written. */
  readonly written: number;
}

/** Aggregates one batch touches at once, so a batch spread over many schemes and days does not open a socket each. */
const aggregatesInFlightMax = 10;

/** One aggregate's share of a batch: its records in stream order, each with its entries. */
interface AggregateShare {
  readonly key: UsageDayKey;
  readonly records: Array<{ readonly sequenceNumber: string; readonly entries: UsageEntry[] }>;
}

/**
 * Counts a batch of stream records into the daily usage aggregates, each record exactly once.
 *
 * The batch is grouped per aggregate (a scheme's day). Each aggregate is read, and only the
 * records after the highest sequence number it counted from this shard are added; it is then
 * written with that record as its new mark, on the condition that nobody wrote it since it was
 * read (optimistic; lost races are retried). Records of one shard arrive in order, so a record at
 * or below the mark was counted before, whichever way a redelivery splits the batches.
 *
 * An aggregate that cannot be written fails the batch from its first record on: the stream
 * delivers it again from there, and the aggregates that were written skip what they counted.
 * Then the shard's progress is noted (up to the last record before any failure), which is what
 * the report's `asOf` is made of.
 */
export async function aggregateUsage(
  dependencies: UsageAggregationDependencies,
  batch: UsageStreamBatch,
  options: UsageAggregationOptions = {},
): Promise<UsageAggregationResult> {
  assertInStreamOrder(batch.records);
  const shares = sharesOf(batch.records);
  const failures: string[] = [];
  let written = 0;
  for (let start = 0; start < shares.length; start += aggregatesInFlightMax) {
    const outcomes = await Promise.all(
      shares.slice(start, start + aggregatesInFlightMax).map(async (share) => {
        try {
          return await countShare(dependencies, batch.shardId, share, options.retry);
        } catch (error) {
          options.onFailure?.(share.key, error);
          return 'failed' as const;
        }
      }),
    );
    outcomes.forEach((outcome, index) => {
      const share = shares[start + index];
      if (outcome === 'written') written += 1;
      if (outcome === 'failed' && share?.records[0] !== undefined) failures.push(share.records[0].sequenceNumber);
    });
  }
  const failedSequenceNumber = failures.sort(compareSequenceNumbers)[0];
  const counted =
    failedSequenceNumber === undefined
      ? batch.records
      : batch.records.filter((record) => compareSequenceNumbers(record.sequenceNumber, failedSequenceNumber) < 0);
  await noteProgress(dependencies, batch.shardId, counted.at(-1));
  return { ...(failedSequenceNumber !== undefined && { failedSequenceNumber }), written };
}

/** Crashes on a batch out of stream order: the marks would then skip records never counted. */
function assertInStreamOrder(records: readonly UsageStreamRecord[]): void {
  for (let index = 1; index < records.length; index += 1) {
    const before = records[index - 1]?.sequenceNumber ?? '';
    const after = records[index]?.sequenceNumber ?? '';
    if (compareSequenceNumbers(before, after) >= 0) {
      throw new Error(`usage aggregation: record ${after} follows ${before} in one batch`);
    }
  }
}

/** The batch's records per aggregate, in stream order; a movement over several schemes goes to each. */
function sharesOf(records: readonly UsageStreamRecord[]): AggregateShare[] {
  const shares = new Map<string, AggregateShare>();
  for (const record of records) {
    const byAggregate = new Map<string, UsageEntry[]>();
    for (const transfer of record.transfers) {
      const entry = usageEntryOf(transfer, personHash);
      if (entry === undefined) continue;
      const id = usageDayId(entry.key);
      byAggregate.set(id, [...(byAggregate.get(id) ?? []), entry]);
    }
    for (const [id, entries] of byAggregate) {
      const share = shares.get(id) ?? { key: (entries[0] as UsageEntry).key, records: [] };
      share.records.push({ sequenceNumber: record.sequenceNumber, entries });
      shares.set(id, share);
    }
  }
  return [...shares.values()];
}

/** Adds a share to its aggregate: `written`, or `counted` when a redelivery brought nothing new. */
function countShare(
  dependencies: UsageAggregationDependencies,
  shardId: string,
  share: AggregateShare,
  retry: RetryOptions | undefined,
): Promise<'written' | 'counted' | 'failed'> {
  return retryWhileLost(
    async () => {
      const stored = await dependencies.store.getUsageAggregate(share.key);
      const mark = stored?.marks[shardId];
      const fresh = share.records.filter(
        (record) => mark === undefined || compareSequenceNumbers(record.sequenceNumber, mark.sequenceNumber) > 0,
      );
      const last = fresh.at(-1);
      if (last === undefined) return done('counted' as const);
      const now = dependencies.now();
      const day = withUsageEntries(
        stored ?? emptyUsageDay(share.key),
        fresh.flatMap((record) => record.entries),
      );
      const marks = {
        ...marksStillNeeded(stored?.marks ?? {}, now),
        [shardId]: { sequenceNumber: last.sequenceNumber, markedAt: now.toISOString() },
      };
      const result = await dependencies.store.putUsageAggregate(
        {
          funderId: day.funderId,
          schemeId: day.schemeId,
          day: day.day,
          flowsCents: day.flowsCents,
          persons: day.persons,
          marks,
        },
        stored?.version ?? 0,
      );
      return result === 'written' ? done('written' as const) : lost(result);
    },
    () => 'failed' as const,
    retry,
  );
}

/**
 * The marks a redelivery could still need. A record is delivered at most
 * `limits.usageStreamRetentionHours` after it was made, and a mark is set after its record was made,
 * so a mark twice that old can never stop a record again; dropping it keeps the aggregate small
 * while shards come and go (DynamoDB starts new ones every few hours).
 */
function marksStillNeeded(marks: Readonly<Record<string, ShardMark>>, now: Date): Record<string, ShardMark> {
  const oldest = now.getTime() - 2 * limits.usageStreamRetentionHours * 3_600_000;
  return Object.fromEntries(Object.entries(marks).filter(([, mark]) => Date.parse(mark.markedAt) >= oldest));
}

/**
 * Notes how far the shard is counted. A stream record's time is rounded down to the second, and
 * the next record may have been made in the same second, so the shard is complete up to the end of
 * the second before its last counted record. Progress never moves back (a redelivered batch
 * brings older records than a reader's note that it found the shard empty).
 */
async function noteProgress(
  dependencies: UsageAggregationDependencies,
  shardId: string,
  last: UsageStreamRecord | undefined,
): Promise<void> {
  if (last === undefined) return;
  const stored = await dependencies.store.getStreamProgress(shardId);
  const completeUpTo = new Date(last.createdAtSeconds * 1_000 - 1).toISOString();
  const behind =
    stored?.lastSequenceNumber !== undefined &&
    compareSequenceNumbers(stored.lastSequenceNumber, last.sequenceNumber) > 0;
  if (behind) return;
  await dependencies.store.putStreamProgress({
    shardId,
    completeUpTo: stored !== undefined && stored.completeUpTo > completeUpTo ? stored.completeUpTo : completeUpTo,
    lastSequenceNumber: last.sequenceNumber,
    closed: false,
    updatedAt: dependencies.now().toISOString(),
  });
}
