import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { clockFromEnvironment } from '../../shared/runtime/clock.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { usageStoreFromEnvironment } from '../../shared/runtime/usage-environment.ts';
import { usageStreamRecordOf } from '../../shared/store/dynamo/usage-stream.ts';
import { aggregateUsage } from './use-case.ts';

/**
 * A batch of the table's change stream. The event source mapping has a tumbling window only so
 * that Lambda names the batch's shard (`shardId`), which the aggregates' marks are kept per; the
 * window's state is not used. The local reader (`infra/local/usage-stream-reader.ts`) sends the same.
 */
export interface UsageStreamEvent extends DynamoDBStreamEvent {
  readonly shardId?: string;
  readonly isFinalInvokeForWindow?: boolean;
}

/** A partial batch response, with the (unused) window state a tumbling window requires. */
export interface UsageStreamResponse extends DynamoDBBatchResponse {
  readonly state: Record<string, never>;
}

/**
 * Run by the DynamoDB stream of the ledger table (see `infra/usage-aggregator.ts`), and locally by
 * the stream reader. A failure is answered as a partial batch response from the first record not
 * counted, so the stream delivers the batch again from there.
 */
export async function handler(event: UsageStreamEvent): Promise<UsageStreamResponse> {
  if (event.Records.length === 0) return { batchItemFailures: [], state: {} };
  const shardId = event.shardId;
  if (shardId === undefined || shardId === '') {
    throw new Error('usage aggregator: the event names no shard; the event source mapping needs a tumbling window');
  }
  const result = await aggregateUsage(
    { store: usageStoreFromEnvironment(), ...clockFromEnvironment() },
    { shardId, records: event.Records.map(usageStreamRecordOf) },
    {
      onFailure: (aggregate, error) =>
        logger.error('usage aggregate not written', {
          ...aggregate,
          error: error instanceof Error ? error : String(error),
        }),
    },
  );
  if (result.failedSequenceNumber !== undefined) {
    logger.warn('usage batch counted in part', { shardId, failedSequenceNumber: result.failedSequenceNumber });
    return { batchItemFailures: [{ itemIdentifier: result.failedSequenceNumber }], state: {} };
  }
  return { batchItemFailures: [], state: {} };
}
