import type { FailureReporter, JobSummary } from '../application/job.ts';
import { logger } from './logger.ts';

/** Logs a failed item with its error; the item stays on the work list for the next run. */
export const logFailure: FailureReporter = (job, itemId, error) => {
  logger.error('job item failed', { job, itemId, error: error instanceof Error ? error : String(error) });
};

/**
 * The Lambda handler of a scheduled job: runs it once and logs what it did. The summary is the
 * return value, so an on-demand invocation shows it. Failed items are logged one by one and do not
 * fail the invocation: they stay on the work list, and a retry by the scheduler would only repeat
 * what the next scheduled run does anyway.
 */
export function jobHandler<S extends JobSummary>(job: string, run: () => Promise<S>): () => Promise<S> {
  return async () => {
    const summary = await run();
    const fields: Record<string, unknown> = { job, ...(summary as object) };
    if (summary.failed > 0) logger.error('job finished with failures', fields);
    else logger.info('job finished', fields);
    return summary;
  };
}
