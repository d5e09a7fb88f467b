import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseBatchMessage } from '../../shared/application/batch-queue.ts';
import { type ChunkHooks, handleBatchMessage } from '../../shared/application/deposit-batches.ts';
import { batchQueueFromEnvironment } from '../../shared/runtime/batch-queue-environment.ts';
import { coreDependenciesFromEnvironment, storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { logger } from '../../shared/runtime/logger.ts';

/** Test seams; never set in AWS. */
let hooks: ChunkHooks = {};

/** Lets a test make the worker fail mid-chunk, as a killed Lambda would. */
export function setWorkerHooks(next: ChunkHooks): void {
  hooks = next;
}

/**
 * The deposit batch worker: an SQS event source in AWS (`infra/deposit-batches.ts`), the in-process
 * queue locally. Each message is handled on its own; one that fails is reported as a partial batch
 * failure, so only it is delivered again (and after its last attempt, goes to the dead-letter
 * queue), while the others are done.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const dependencies = {
    ...coreDependenciesFromEnvironment(),
    store: storeFromEnvironment(),
    queue: batchQueueFromEnvironment(),
  };
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = parseBatchMessage(record.body);
    if (message === undefined) {
      // Not ours: kept for a person to look at, by failing it until it reaches the dead-letter queue.
      logger.error('batch worker: a message is not a batch message', { messageId: record.messageId });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await handleBatchMessage(dependencies, message, hooks);
    } catch (error) {
      logger.error('batch worker: a message failed; it will be delivered again', {
        messageId: record.messageId,
        batchId: message.batchId,
        error: error instanceof Error ? error : String(error),
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
