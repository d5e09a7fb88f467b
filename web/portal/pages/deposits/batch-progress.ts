import { useEffect, useState } from 'react';
import { api, type DepositBatch } from '../../api.ts';

/** How often a batch that is still processing is asked for again. */
export const batchPollIntervalMs = 1_000;
/** Pages of refused rows read at most: 10,000 rows at 50 a page, and one more. */
const errorPagesMax = 201;

export type RowError = DepositBatch['errors'][number];

export type BatchState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'processing'; readonly batch: DepositBatch }
  /** Done, with every refused row (all pages of `errors`). */
  | { readonly kind: 'done'; readonly batch: DepositBatch; readonly errors: readonly RowError[] };

/**
 * Follows a batch: asks for it every second while it is processing, and once it is done reads all
 * its refused rows, page after page. It stops asking when the page is left (unmounted), when the
 * batch is done, or when a request fails (`retry` starts again).
 */
export function useBatchProgress(batchId: string): { state: BatchState; retry: () => void } {
  const [state, setState] = useState<BatchState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // `attempt` is how "Probeer opnieuw" starts the polling again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((previous) => (previous.kind === 'failed' ? { kind: 'loading' } : previous));
    async function poll() {
      try {
        const batch = await api.depositBatch(batchId);
        if (stopped) return;
        if (batch.status === 'processing') {
          setState({ kind: 'processing', batch });
          timer = setTimeout(() => void poll(), batchPollIntervalMs);
          return;
        }
        const errors = [...batch.errors];
        let cursor = batch.nextCursor;
        for (let page = 1; cursor !== undefined && page < errorPagesMax; page += 1) {
          const next = await api.depositBatch(batchId, cursor);
          if (stopped) return;
          errors.push(...next.errors);
          cursor = next.nextCursor;
        }
        setState({ kind: 'done', batch, errors });
      } catch (error) {
        if (!stopped) setState({ kind: 'failed', error });
      }
    }
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, attempt]);

  return { state, retry: () => setAttempt((value) => value + 1) };
}
