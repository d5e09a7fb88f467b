/**
 * Deposit batches on AWS's own engines: the upload function stores a batch and sends its work to an
 * SQS queue, and a worker function with an SQS event source pays it, chunk by chunk
 * (`shared/application/deposit-batches.ts`). Locally `infra/local/local-queue.ts` stands in for
 * the queue with the same semantics.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { ApiFunction } from './api-function.ts';

/** A worker pays one chunk (250 rows, a few transactions) per invocation; a minute is ample room. */
export const batchWorkerTimeout = Duration.seconds(60);

/**
 * Deliveries of one message before it goes to the dead-letter queue: a chunk that fails five times
 * in a row has a cause a person must look at (the alarm says so).
 */
export const batchMaxReceiveCount = 5;

/** Worker invocations at once: enough for a national grant, few enough to leave the table's capacity to others. */
export const batchWorkerConcurrencyMax = 50;

export interface DepositBatchesProps {
  readonly table: ITableV2;
  /** The functions that send batch messages: the upload's and the resume job's. */
  readonly senders: readonly ApiFunction[];
}

export interface DepositBatches {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly worker: ApiFunction;
}

/**
 * The queue, its dead-letter queue with an alarm, and the worker. The visibility timeout is six
 * times the worker's timeout, as AWS advises for an event source, so a message is never handed to
 * a second worker while the first may still be running. Every sender (and the worker, which
 * queues a batch's chunks) may only send to this queue; only the event source receives.
 */
export function createDepositBatches(stack: Stack, props: DepositBatchesProps): DepositBatches {
  const deadLetterQueue = new Queue(stack, 'DepositBatchDeadLetterQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new Queue(stack, 'DepositBatchQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(batchWorkerTimeout.toSeconds() * 6),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: batchMaxReceiveCount },
  });
  const worker = new ApiFunction(stack, 'DepositBatchWorkerFunction', {
    name: 'deposit-batch-worker',
    table: props.table,
    tableAccess: 'readWrite',
    invokedBy: 'queue',
    timeout: batchWorkerTimeout,
    environment: { DEPOSIT_BATCH_QUEUE_URL: queue.queueUrl },
  });
  worker.addEventSource(
    new SqsEventSource(queue, {
      // One chunk per invocation bounds its time; a failed chunk is reported on its own.
      batchSize: 1,
      reportBatchItemFailures: true,
      maxConcurrency: batchWorkerConcurrencyMax,
    }),
  );
  queue.grantSendMessages(worker);
  for (const sender of props.senders) {
    queue.grantSendMessages(sender);
    sender.addEnvironment('DEPOSIT_BATCH_QUEUE_URL', queue.queueUrl);
  }

  new Alarm(stack, 'DepositBatchDeadLetterAlarm', {
    alarmDescription:
      'A deposit batch message failed five times and was set aside: a batch is stuck. Read the worker log for ' +
      'its batch id and cause; once fixed, move the message back (SQS redrive) and the batch finishes.',
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Max' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  new Alarm(stack, 'DepositBatchQueueAgeAlarm', {
    alarmDescription: 'Deposit batch work has waited over 15 minutes: the worker is failing or throttled.',
    metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Max' }),
    threshold: 15 * 60,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return { queue, deadLetterQueue, worker };
}
