/**
 * The usage aggregator: a Lambda on the ledger table's DynamoDB stream that counts every inserted
 * movement record into the daily usage aggregates (`functions/usage-aggregator/`). Locally,
 * `infra/local/usage-stream-reader.ts` feeds the same handler from DynamoDB Local's stream.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { usageProgressPartition } from '../shared/store/dynamo/usage-store.ts';
import { usageStreamFilter } from '../shared/store/dynamo/usage-stream.ts';
import { ApiFunction } from './api-function.ts';

/**
 * Records per invocation. A yearly grant writes a million movement records into one scheme's day:
 * in batches of a thousand, that aggregate is written once per thousand deposits, not once each.
 */
export const usageBatchSizeMax = 1_000;

/** How long the event source waits to fill a batch; well inside the minute the report may lag. */
export const usageBatchingWindowSeconds = 5;

/**
 * Delivers of one failing batch (each half of it, once bisected) before it goes to the dead-letter
 * queue; the shard then moves on, so one bad record cannot stop the report for a day.
 */
export const usageRetryAttemptsMax = 10;

/**
 * The tumbling window, whose only use is that Lambda then names the shard in each event
 * (`shardId`), which the aggregates keep their marks per; its state is not used.
 */
export const usageTumblingWindowSeconds = 60;

export interface UsageAggregator {
  readonly fn: ApiFunction;
  /** Where Lambda puts what it could not deliver: the shard, and the sequence numbers of the batch. */
  readonly deadLetterQueue: Queue;
  /** Fires as soon as anything is in the dead-letter queue: the report then misses movements. */
  readonly deadLetterAlarm: Alarm;
}

/**
 * Creates the aggregator directly in the stack (`UsageAggregatorFunction`, …), reading the table's
 * stream from its oldest record, only inserts of movement records, in large batches, with partial
 * batch responses, bisection and a bounded number of retries, then the dead-letter queue. It may
 * read and write only the usage items (`USAGE#…` and `USAGEPROGRESS`), never the ledger's own.
 */
export function createUsageAggregator(stack: Stack, props: { readonly table: ITableV2 }): UsageAggregator {
  const fn = new ApiFunction(stack, 'UsageAggregatorFunction', {
    name: 'usage-aggregator',
    table: props.table,
    tableAccess: 'none',
    environment: { TABLE_NAME: props.table.tableName },
    invokedBy: 'stream',
    timeout: Duration.minutes(1),
  });
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: [props.table.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USAGE#*', usageProgressPartition] },
      },
    }),
  );

  const deadLetterQueue = new Queue(stack, 'UsageAggregatorDeadLetterQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  fn.addEventSource(
    new DynamoEventSource(props.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: usageBatchSizeMax,
      maxBatchingWindow: Duration.seconds(usageBatchingWindowSeconds),
      parallelizationFactor: 1,
      tumblingWindow: Duration.seconds(usageTumblingWindowSeconds),
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: usageRetryAttemptsMax,
      onFailure: new SqsDlq(deadLetterQueue),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual(usageStreamFilter.eventName),
          dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(usageStreamFilter.entity) } } },
        }),
      ],
    }),
  );

  const deadLetterAlarm = new Alarm(stack, 'UsageAggregatorDeadLetterAlarm', {
    alarmDescription:
      'Stream records the usage aggregator could not count: the usage report misses them. The messages name ' +
      'the shard and sequence numbers; read them from the stream (within 24 hours) and run the handler on them.',
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return { fn, deadLetterQueue, deadLetterAlarm };
}
