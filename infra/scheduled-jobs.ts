/**
 * The scheduled jobs (releasing reservations, expiring claims and pots, payouts): one function
 * each, run by an EventBridge rule. Locally, `infra/local/jobs.ts` runs the same handlers on a timer.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { PayerAccount } from '../shared/payouts/sepa-credit-transfer.ts';
import { ApiFunction, metricsNamespace } from './api-function.ts';

/** The scheduled jobs: handler folder under `functions/jobs/`, construct id, schedule, and timeout. */
export const scheduledJobs = [
  {
    name: 'release-expired-reservations',
    id: 'ReleaseExpiredReservationsJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(5),
  },
  {
    name: 'expire-stale-claims',
    id: 'ExpireStaleClaimsJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(5),
  },
  {
    name: 'expire-pots',
    id: 'ExpirePotsJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(5),
  },
  // Starts again a batch whose start message was never sent (see the handler); SQS keeps the rest.
  {
    name: 'resume-deposit-batches',
    id: 'ResumeDepositBatchesJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(1),
  },
  // Once a day, at night, so the bank gets one file a day; 02:00 UTC is 03:00 or 04:00 in Amsterdam.
  {
    name: 'payouts',
    id: 'PayoutsJob',
    schedule: Schedule.cron({ minute: '0', hour: '2' }),
    timeout: Duration.minutes(10),
  },
] as const;

export type ScheduledJobName = (typeof scheduledJobs)[number]['name'];

export interface ScheduledJobsProps {
  /** The ledger table, which every job reads and writes. */
  readonly table: ITableV2;
  /** Where the payouts job writes SEPA files. */
  readonly payoutBucket: IBucket;
  /** The account that pays providers; without it the payouts job refuses to run. */
  readonly payer?: PayerAccount;
}

/**
 * Creates one function per scheduled job, each run by an EventBridge rule, directly in the stack
 * under the job's id (and `<id>Schedule` for the rule). Every job reads and writes the table; only
 * payouts may write to the payout bucket, and only new objects under `payouts/`. No job gets the
 * pseudonymisation key: no BSN passes through them.
 */
export function createScheduledJobs(
  stack: Stack,
  props: ScheduledJobsProps,
): ReadonlyMap<ScheduledJobName, ApiFunction> {
  const { payer, payoutBucket } = props;
  const jobs = new Map<ScheduledJobName, ApiFunction>();
  for (const job of scheduledJobs) {
    const isPayouts = job.name === 'payouts';
    const fn = new ApiFunction(stack, job.id, {
      name: `jobs/${job.name}`,
      table: props.table,
      tableAccess: 'readWrite',
      invokedBy: 'schedule',
      timeout: job.timeout,
      ...(isPayouts && {
        environment: {
          PAYOUT_BUCKET: payoutBucket.bucketName,
          ...(payer !== undefined && {
            PAYER_NAME: payer.name,
            PAYER_IBAN: payer.iban,
            ...(payer.bic !== undefined && { PAYER_BIC: payer.bic }),
          }),
        },
      }),
    });
    if (isPayouts) {
      // PutObject only: the job creates files and never reads, lists, replaces or deletes them.
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:PutObject'], resources: [payoutBucket.arnForObjects('payouts/*')] }),
      );
    }
    new Rule(stack, `${job.id}Schedule`, {
      description: `Runs the ${job.name} job`,
      schedule: job.schedule,
      // A failed run is not retried by EventBridge: the next scheduled run takes what is left.
      targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
    });
    alarmOnFailures(stack, job, fn);
    jobs.set(job.name, fn);
  }
  return jobs;
}

/**
 * What an operator must see: a job run that failed outright (the function's `Errors`), and items a
 * run could not do. Every run logs its summary (`shared/runtime/job-handler.ts`); a metric filter on
 * the job's log group counts `failed` from it, which for payouts includes payouts held out of a
 * file and files that could not be written, so a stuck payout raises the alarm on every run until
 * someone deals with it. Counting the log line rather than emitting a metric from the function
 * keeps the jobs' bundles free of a metrics client.
 */
function alarmOnFailures(stack: Stack, job: (typeof scheduledJobs)[number], fn: ApiFunction): void {
  const metricName = `${job.id}FailedItems`;
  new MetricFilter(stack, `${job.id}FailedItemsFilter`, {
    logGroup: fn.logGroup,
    filterPattern: FilterPattern.all(
      FilterPattern.stringValue('$.job', '=', job.name),
      FilterPattern.numberValue('$.failed', '>', 0),
    ),
    metricNamespace: metricsNamespace,
    metricName,
    metricValue: '$.failed',
  });
  new Alarm(stack, `${job.id}FailedItemsAlarm`, {
    alarmDescription: `The ${job.name} job left items undone; its log says which ("job finished with failures")`,
    metric: new Metric({ namespace: metricsNamespace, metricName, statistic: 'Sum', period: Duration.hours(1) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  new Alarm(stack, `${job.id}ErrorsAlarm`, {
    alarmDescription: `A run of the ${job.name} job failed`,
    metric: fn.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
