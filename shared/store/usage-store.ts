import type { Transfer } from '../ledger/transfer.ts';
import type { UsageDay, UsageDayKey } from '../ledger/usage.ts';

/**
 * The usage report's storage: one aggregate per scheme and day, built from the table's change
 * stream by the usage aggregator, and the aggregator's progress per stream shard. Kept apart from
 * `LedgerStore`: nothing on the money path reads or writes it.
 */

/** The last record of one stream shard an aggregate has counted. */
export interface ShardMark {
  readonly sequenceNumber: string;
  /** When the mark was set (ISO 8601); marks older than the stream's retention are dropped. */
  readonly markedAt: string;
}

/**
 * A scheme's day as stored: what it adds up to, per stream shard the highest sequence number
 * counted in it (a replayed record at or below it is not counted again), and a version that every
 * write raises, so two writers never both add to what they read.
 */
export interface UsageAggregate extends UsageDay {
  readonly marks: Readonly<Record<string, ShardMark>>;
  readonly version: number;
}

/** How far the aggregator has come in one stream shard. */
export interface StreamShardProgress {
  readonly shardId: string;
  /** Every movement this shard carried that was created up to this instant (ISO 8601) is counted. */
  readonly completeUpTo: string;
  /** The last record applied, where a reader resumes; absent when it has only found the shard empty. */
  readonly lastSequenceNumber?: string;
  /** True once the shard has ended and all of it is applied: it holds nothing more. */
  readonly closed: boolean;
  /** When this was written (ISO 8601). */
  readonly updatedAt: string;
}

/** What the aggregator reads and writes. */
export interface UsageAggregateStore {
  getUsageAggregate(key: UsageDayKey): Promise<UsageAggregate | undefined>;
  /**
   * Writes the aggregate with `version` one above `expectedVersion` (0 for a new one), only while
   * the stored one still has `expectedVersion` (or, for 0, does not exist). `conflict` when another
   * writer came first: nothing was written, read again.
   */
  putUsageAggregate(
    aggregate: UsageDay & Pick<UsageAggregate, 'marks'>,
    expectedVersion: number,
  ): Promise<'written' | 'conflict'>;
  getStreamProgress(shardId: string): Promise<StreamShardProgress | undefined>;
  putStreamProgress(progress: StreamShardProgress): Promise<void>;
}

/** What the report reads. */
export interface UsageReportStore {
  /** A scheme's days from `from` to `to` (`YYYY-MM-DD`, both included), by day. */
  listUsageDays(
    funderId: string,
    schemeId: string,
    period: { readonly from: string; readonly to: string },
  ): Promise<UsageDay[]>;
  listStreamProgress(): Promise<StreamShardProgress[]>;
}

export type UsageStore = UsageAggregateStore & UsageReportStore;
/** One record of the table's change stream, as the aggregator needs it. */
export interface UsageStreamRecord {
  readonly sequenceNumber: string;
  /** When DynamoDB made the stream record, in whole seconds since the epoch (as the stream gives it). */
  readonly createdAtSeconds: number;
  /** The transfers of the movement record the stream record inserted; empty for any other record. */
  readonly transfers: readonly Transfer[];
}
