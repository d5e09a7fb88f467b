import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { BatchMessage, BatchQueue } from '../application/batch-queue.ts';

/**
 * The deposit batch queue for this process: SQS when `DEPOSIT_BATCH_QUEUE_URL` is set (in AWS),
 * else the in-process stand-in the local runtime registered with {@link setLocalBatchQueue}.
 */
let localQueue: BatchQueue | undefined;
let sqsQueue: BatchQueue | undefined;

/** Used by the local runtime (`infra/local/local-queue.ts`) to hand the handlers its queue. */
export function setLocalBatchQueue(queue: BatchQueue | undefined): void {
  localQueue = queue;
}

export function batchQueueFromEnvironment(): BatchQueue {
  const url = process.env['DEPOSIT_BATCH_QUEUE_URL'];
  if (url !== undefined && url !== '') {
    sqsQueue ??= sqsBatchQueue(new SQSClient({}), url);
    return sqsQueue;
  }
  if (localQueue !== undefined) return localQueue;
  throw new Error('Set DEPOSIT_BATCH_QUEUE_URL (AWS), or run the local runtime, which provides an in-process queue.');
}

/** Messages SendMessageBatch takes at once. */
const sendBatchMax = 10;

/**
 * A queue on SQS: messages in groups of ten, and any a group could not take sent again a few times
 * before it fails (the caller's retry, or the resume job, then sends them again).
 */
export function sqsBatchQueue(client: SQSClient, queueUrl: string): BatchQueue {
  return {
    async send(messages: readonly BatchMessage[]) {
      for (let start = 0; start < messages.length; start += sendBatchMax) {
        let entries = messages
          .slice(start, start + sendBatchMax)
          .map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) }));
        for (let attempt = 1; entries.length > 0; attempt += 1) {
          if (attempt > 3) throw new Error(`SQS refused ${entries.length} batch messages three times`);
          const result = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          const failed = new Set((result.Failed ?? []).map((failure) => failure.Id));
          entries = entries.filter((entry) => failed.has(entry.Id));
        }
      }
    },
  };
}
