import { resumeDepositBatches } from '../../../shared/application/deposit-batches.ts';
import { batchQueueFromEnvironment } from '../../../shared/runtime/batch-queue-environment.ts';
import { coreDependenciesFromEnvironment, storeFromEnvironment } from '../../../shared/runtime/environment.ts';
import { jobHandler } from '../../../shared/runtime/job-handler.ts';

/**
 * How long a batch may be processing before the job starts it again. A batch of 10,000 rows takes
 * about a minute, and its messages are kept by SQS, so only a batch whose start message was never
 * sent (the upload's function died right after storing it) needs this.
 */
export const resumeAfterMinutes = 15;

/** Run by an EventBridge schedule (see `infra/scheduled-jobs.ts`) and by the local timer. */
export const handler = jobHandler('resume-deposit-batches', async () => {
  const dependencies = coreDependenciesFromEnvironment();
  const before = new Date(dependencies.now().getTime() - resumeAfterMinutes * 60_000).toISOString();
  const resumed = await resumeDepositBatches(
    { store: storeFromEnvironment(), queue: batchQueueFromEnvironment() },
    before,
  );
  return { processed: resumed, skipped: 0, failed: 0 };
});
