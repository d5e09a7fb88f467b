import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AttributeValue,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from 'aws-lambda';
import type { UsageStreamEvent, UsageStreamResponse } from '../../functions/usage-aggregator/handler.ts';
import { isUsageStreamInsert } from '../../shared/store/dynamo/usage-stream.ts';
import { localCredentials, localRegion } from '../../shared/store/dynamo-client.ts';
import type { UsageAggregateStore } from '../../shared/store/usage-store.ts';

/**
 * The local stand-in for Lambda's event source mapping on the table's stream: it reads DynamoDB
 * Local's Streams API (on the same endpoint as the table) and hands each shard's new records, in
 * order and filtered as Lambda filters them, to the same handler Lambda runs. A shard's children
 * are read once the shard itself is read to its end; a reader that restarts resumes after the
 * last record the aggregates counted. A failing round is reported and tried again on the next
 * tick; it never stops the reader or the server.
 *
 * Unlike Lambda, the reader knows when it has found a shard empty: it then notes that the shard is
 * complete up to when it asked, which is what makes the report's `asOf` current while nothing moves.
 */

/** How often each shard is polled. */
const pollIntervalMs = 500;

/** Records asked for per GetRecords, as many as DynamoDB Streams returns at once. */
const recordsPerReadMax = 1_000;

/** Rounds between two looks at the stream's shards (new shards appear when others end). */
const roundsPerDescribe = 10;

/** How often an idle reader notes that its shards are still complete, unless a drain asks now. */
const idleNoteIntervalMs = 5_000;

/** How long a drain waits for a round in which every shard was read to its tip. */
const drainTimeoutMs = 20_000;

export interface UsageStreamReaderOptions {
  readonly endpoint: string;
  /** A client of the same DynamoDB Local, to find the table's stream. */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Where the aggregates' progress is, for resuming and for noting empty shards. */
  readonly store: Pick<UsageAggregateStore, 'getStreamProgress' | 'putStreamProgress'>;
  readonly handler: (event: UsageStreamEvent) => Promise<UsageStreamResponse>;
  readonly now: () => Date;
  /** Told about every failed round; the reader goes on. */
  readonly onError: (error: unknown) => void;
}

export interface UsageStreamReader {
  /**
   * Resolves once a round that started after the call found every shard read to its tip and
   * counted, so a report asked for afterwards counts everything written before the call.
   */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

interface ShardState {
  readonly shard: Shard;
  iterator?: string;
  /** Where to start again after a failed batch (the first record not counted). */
  resumeAt?: string;
  ended: boolean;
  lastNoteMs: number;
}

export function startUsageStreamReader(options: UsageStreamReaderOptions): UsageStreamReader {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  const shards = new Map<string, ShardState>();
  let streamArn: string | undefined;
  let rounds = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let waiters: Array<{ readonly afterRound: number; resolve(): void }> = [];

  async function round(): Promise<void> {
    const roundNumber = ++rounds;
    const forceNote = waiters.length > 0;
    if (streamArn === undefined) streamArn = await latestStreamArn(options.client, options.tableName);
    if (shards.size === 0 || roundNumber % roundsPerDescribe === 0) await describe(streamArn);
    let allAtTip = true;
    for (const state of shards.values()) {
      if (stopped) return;
      if (state.ended || !parentDone(state)) continue;
      const atTip = await readShard(streamArn, state, forceNote);
      allAtTip &&= atTip;
    }
    if (allAtTip) {
      const ready = waiters.filter((waiter) => waiter.afterRound < roundNumber);
      waiters = waiters.filter((waiter) => waiter.afterRound >= roundNumber);
      for (const waiter of ready) waiter.resolve();
    }
  }

  function parentDone(state: ShardState): boolean {
    const parent = state.shard.ParentShardId;
    return parent === undefined || shards.get(parent)?.ended !== false;
  }

  async function describe(arn: string): Promise<void> {
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ...(start !== undefined && { ExclusiveStartShardId: start }) }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId !== undefined && !shards.has(shard.ShardId)) {
          shards.set(shard.ShardId, { shard, ended: false, lastNoteMs: 0 });
        }
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
  }

  /** Reads one batch of a shard; true when the shard had nothing more to give (its tip, or its end). */
  async function readShard(arn: string, state: ShardState, forceNote: boolean): Promise<boolean> {
    const shardId = state.shard.ShardId as string;
    if (state.iterator === undefined) {
      const progress = await options.store.getStreamProgress(shardId);
      if (progress?.closed === true) {
        state.ended = true;
        return true;
      }
      state.iterator = await iteratorFor(arn, shardId, state.resumeAt, progress?.lastSequenceNumber);
      state.resumeAt = undefined;
    }
    const askedAt = options.now();
    const { Records = [], NextShardIterator } = await streams.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: recordsPerReadMax }),
    );
    const counted = Records.filter((record) => isUsageStreamInsert(record.eventName, newImageEntity(record)));
    if (counted.length > 0) {
      const response = await options.handler({
        Records: counted.map(toLambdaRecord),
        shardId,
        eventSourceARN: arn,
      } as UsageStreamEvent);
      const failed = response.batchItemFailures[0]?.itemIdentifier;
      if (failed !== undefined) {
        state.iterator = undefined;
        state.resumeAt = failed;
        throw new Error(`usage stream: shard ${shardId} failed from record ${failed}; reading it again`);
      }
    }
    state.iterator = NextShardIterator;
    if (NextShardIterator === undefined) {
      await note(shardId, askedAt, true);
      state.ended = true;
      return true;
    }
    if (Records.length >= recordsPerReadMax) return false;
    if (forceNote || askedAt.getTime() - state.lastNoteMs >= idleNoteIntervalMs) {
      await note(shardId, askedAt, false);
      state.lastNoteMs = askedAt.getTime();
    }
    return true;
  }

  async function iteratorFor(
    arn: string,
    shardId: string,
    resumeAt: string | undefined,
    lastCounted: string | undefined,
  ): Promise<string | undefined> {
    const start = async (type: ShardIteratorType, sequenceNumber?: string) =>
      (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shardId,
            ShardIteratorType: type,
            ...(sequenceNumber !== undefined && { SequenceNumber: sequenceNumber }),
          }),
        )
      ).ShardIterator;
    try {
      if (resumeAt !== undefined) return await start('AT_SEQUENCE_NUMBER', resumeAt);
      if (lastCounted !== undefined) return await start('AFTER_SEQUENCE_NUMBER', lastCounted);
    } catch (error) {
      // The records are older than the stream keeps: start from the oldest it has.
      if (!(error instanceof TrimmedDataAccessException)) throw error;
    }
    return start('TRIM_HORIZON');
  }

  /** The shard is complete up to `askedAt` (it was read to its tip, or its end, then). */
  async function note(shardId: string, askedAt: Date, closed: boolean): Promise<void> {
    const stored = await options.store.getStreamProgress(shardId);
    const completeUpTo = askedAt.toISOString();
    await options.store.putStreamProgress({
      shardId,
      completeUpTo: stored !== undefined && stored.completeUpTo > completeUpTo ? stored.completeUpTo : completeUpTo,
      ...(stored?.lastSequenceNumber !== undefined && { lastSequenceNumber: stored.lastSequenceNumber }),
      closed,
      updatedAt: options.now().toISOString(),
    });
  }

  function tick(): void {
    if (stopped || running !== undefined) return;
    running = round()
      .catch((error: unknown) => {
        // An iterator may have expired or the table been busy: start the shards' reads afresh.
        for (const state of shards.values()) state.iterator = undefined;
        options.onError(error);
      })
      .finally(() => {
        running = undefined;
        if (!stopped) {
          timer = setTimeout(tick, pollIntervalMs);
          timer.unref();
        }
      });
  }

  tick();

  return {
    drain() {
      return new Promise<void>((resolve, reject) => {
        const waiter = { afterRound: rounds, resolve: () => resolve() };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters = waiters.filter((other) => other !== waiter);
          reject(new Error(`usage stream: not read to its tip within ${drainTimeoutMs} ms`));
        }, drainTimeoutMs).unref();
        // Start a round now rather than at the next tick, when none is running.
        if (running === undefined) {
          clearTimeout(timer);
          tick();
        }
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      streams.destroy();
    },
  };
}

async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (Table?.LatestStreamArn === undefined) throw new Error(`usage stream: table ${tableName} has no stream`);
  return Table.LatestStreamArn;
}

function newImageEntity(record: StreamRecord): string | undefined {
  return record.dynamodb?.NewImage?.['entity']?.S;
}

/**
 * A record as Lambda delivers it: the creation time in epoch seconds, binary values in base64.
 * The SDK hands over Dates and byte arrays; the handler must see what it sees in AWS.
 */
export function toLambdaRecord(record: StreamRecord): DynamoDBRecord {
  const stream = record.dynamodb;
  const image = (values: Record<string, AttributeValue> | undefined) =>
    values === undefined
      ? undefined
      : Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toLambdaValue(value)]));
  return {
    ...(record.eventID !== undefined && { eventID: record.eventID }),
    ...(record.eventName !== undefined && { eventName: record.eventName }),
    eventSource: 'aws:dynamodb',
    dynamodb: {
      ...(stream?.ApproximateCreationDateTime !== undefined && {
        ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000),
      }),
      ...(stream?.SequenceNumber !== undefined && { SequenceNumber: stream.SequenceNumber }),
      ...(stream?.Keys !== undefined && { Keys: image(stream.Keys) }),
      ...(stream?.NewImage !== undefined && { NewImage: image(stream.NewImage) }),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

function toLambdaValue(value: AttributeValue): LambdaAttributeValue {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) {
    return { M: Object.fromEntries(Object.entries(value.M).map(([name, entry]) => [name, toLambdaValue(entry)])) };
  }
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  return value as LambdaAttributeValue;
}
