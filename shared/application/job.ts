import { limits } from '../ledger/limits.ts';
import { done, lost, retryWhileLost } from './retry.ts';

/**
 * What one run of a scheduled job did with the items on its work list.
 * - `processed`: this run did the work (moved the money, changed the claim).
 * - `skipped`: there was nothing to do after all: another run or request got there first, the
 *   item was not due on a fresh read, or it lost every race this run; it stays listed if needed.
 * - `failed`: an unexpected error; the item stays listed and the next run tries again.
 */
export interface JobSummary {
  processed: number;
  skipped: number;
  failed: number;
}

/** The outcome of one attempt at one item. `lost` means a condition failed: read again and retry. */
export type AttemptResult = 'processed' | 'skipped' | 'lost';

/** Reports an item that failed; the jobs' handlers log it, tests may collect it. */
export type FailureReporter = (job: string, itemId: string, error: unknown) => void;

/** What every job takes besides its dependencies. */
export interface JobOptions {
  readonly onFailure?: FailureReporter;
}

/**
 * Runs one item's attempt until it is not `lost`, re-reading each time (the attempt reads what it
 * needs), with the one retry loop of {@link retryWhileLost}. An item that keeps losing counts as
 * skipped: it is still on the work list, and the next run takes it.
 */
export function retryLostRaces(attempt: () => Promise<AttemptResult>): Promise<'processed' | 'skipped'> {
  return retryWhileLost(
    async () => {
      const result = await attempt();
      return result === 'lost' ? lost(result) : done(result);
    },
    () => 'skipped' as const,
  );
}

/** A job's work list and what to do with each item on it, for {@link runWorkList}. */
export interface WorkList<T> {
  readonly job: string;
  /** The next due items, at most `limits.jobBatchSizeMax`. Items done leave the list. */
  readonly list: () => Promise<readonly T[]>;
  readonly idOf: (item: T) => string;
  readonly process: (item: T) => Promise<'processed' | 'skipped'>;
  readonly onFailure?: FailureReporter;
}

/**
 * Works through a job's list in batches until it is empty or `limits.jobBatchesPerRunMax` batches
 * are done. An item is tried at most once per run: the list is read from an index that may lag a
 * little behind the table, so an item just done can show up again, and a batch with nothing new
 * ends the run. Items are processed one at a time to keep a run's load on the table gentle.
 */
export async function runWorkList<T>(workList: WorkList<T>): Promise<JobSummary> {
  const summary: JobSummary = { processed: 0, skipped: 0, failed: 0 };
  const seen = new Set<string>();
  for (let batch = 1; batch <= limits.jobBatchesPerRunMax; batch += 1) {
    const fresh = (await workList.list()).filter((item) => !seen.has(workList.idOf(item)));
    if (fresh.length === 0) break;
    for (const item of fresh) {
      const itemId = workList.idOf(item);
      seen.add(itemId);
      try {
        summary[await workList.process(item)] += 1;
      } catch (error) {
        summary.failed += 1;
        workList.onFailure?.(workList.job, itemId, error);
      }
    }
  }
  return summary;
}
