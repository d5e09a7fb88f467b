import { useEffect, useState } from 'react';
import { ApiError, api, type DepositBatch } from '../../api.ts';
import { outcomeUnknown } from '../../requests.ts';

/** How often a batch that is still processing is asked for again: every second at first… */
const batchPollIntervalMs = 1_000;
/** …then less often, at most this long apart, so a long batch on payroll day costs few requests. */
const batchPollIntervalMaxMs = 5_000;
/** After a failure that may pass (busy, no connection), the next try waits this long. */
const transientRetryMs = 5_000;

/** The wait before the next question about a batch after `polls` of them: 1 s thrice, 2 s thrice, then 4 and 5 s. */
function nextPollDelayMs(polls: number): number {
  return Math.min(batchPollIntervalMs * 2 ** Math.floor(polls / 3), batchPollIntervalMaxMs);
}

/** A failure that may pass by itself: no connection, the API busy (503) or the usage plan used up (429). */
function passing(error: unknown): boolean {
  return outcomeUnknown(error) || (error instanceof ApiError && error.status === 429);
}
/** Pages of refused rows read at most: 10,000 rows at 50 a page, and one more. */
const errorPagesMax = 201;

export type RowError = DepositBatch['errors'][number];

export type BatchState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'processing'; readonly batch: DepositBatch }
  /**
   * Done, with the first refused rows (at least `rowsShown` of them when there are that many), and
   * where the rest begin: they are read only for the download (`readRefusedRows`).
   */
  | {
      readonly kind: 'done';
      readonly batch: DepositBatch;
      readonly errors: readonly RowError[];
      readonly nextCursor: string | undefined;
    };

/**
 * The refused rows from `cursor` on, page after page, until at least `rowsWanted` are read or
 * there are no more: the download wants them all, the table its first rows. Whatever the API says
 * next, at most 10,000 rows (the largest batch) and one page more are read.
 */
export async function readRefusedRows(
  batchId: string,
  cursor: string | undefined,
  rowsWanted = Number.POSITIVE_INFINITY,
): Promise<{ errors: RowError[]; nextCursor: string | undefined }> {
  const errors: RowError[] = [];
  for (let page = 0; cursor !== undefined && errors.length < rowsWanted && page < errorPagesMax; page += 1) {
    const next = await api.depositBatch(batchId, cursor);
    errors.push(...next.errors);
    cursor = next.nextCursor;
  }
  return { errors, nextCursor: cursor };
}

/**
 * Follows a batch: asks for it while it is processing (every second at first, then less often, and
 * not while the tab is hidden), and once it is done reads the pages of refused rows the table shows
 * (`rowsShown`), not all of them: a file of 10,000 refused rows would be 200 requests nobody waits
 * for. A failure that may pass is tried again a little later; it stops asking when the page is left
 * (unmounted), when the batch is done, or when a request is refused (`retry` starts again).
 */
export function useBatchProgress(batchId: string, rowsShown: number): { state: BatchState; retry: () => void } {
  const [state, setState] = useState<BatchState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `attempt` is how "Probeer opnieuw" starts the polling again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    setState((previous) => (previous.kind === 'failed' ? { kind: 'loading' } : previous));
    /** Asks again after `delayMs`, or once the tab is shown again when it is hidden then. */
    function later(delayMs: number) {
      timer = setTimeout(() => {
        if (stopped) return;
        if (!document.hidden) {
          void poll();
          return;
        }
        document.addEventListener('visibilitychange', () => !stopped && void poll(), { once: true });
      }, delayMs);
    }
    async function poll() {
      try {
        const batch = await api.depositBatch(batchId);
        if (stopped) return;
        if (batch.status === 'processing') {
          setState({ kind: 'processing', batch });
          later(nextPollDelayMs(polls));
          polls += 1;
          return;
        }
        const more = await readRefusedRows(batchId, batch.nextCursor, rowsShown - batch.errors.length);
        if (stopped) return;
        setState({ kind: 'done', batch, errors: [...batch.errors, ...more.errors], nextCursor: more.nextCursor });
      } catch (error) {
        if (stopped) return;
        // The progress shown stays; the next question comes a little later.
        if (passing(error)) later(transientRetryMs);
        else setState({ kind: 'failed', error });
      }
    }
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, rowsShown, attempt]);

  return { state, retry: () => setAttempt((value) => value + 1) };
}
