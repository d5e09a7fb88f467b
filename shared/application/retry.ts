import { limits } from '../ledger/limits.ts';

/**
 * What one attempt came to: `done` with the answer, or `lost` a race (a condition that held when
 * the attempt read the table no longer held when it wrote), with why. A lost attempt wrote
 * nothing, so it is safe to read again and retry.
 */
export type Attempt<T, L> = { readonly done: T } | { readonly lost: L };

/** The attempt is over: this is the answer. */
export function done<T>(value: T): { readonly done: T } {
  return { done: value };
}

/** The attempt lost a race and wrote nothing: read again and retry. */
export function lost<L>(reason: L): { readonly lost: L } {
  return { lost: reason };
}

export interface RetryOptions {
  /** How many attempts in all; `limits.transactionAttemptsMax` by default. */
  readonly attemptsMax?: number;
  /** Waits before attempt `attempt + 1`; {@link backoff} by default (a test may pass a no-op). */
  readonly wait?: (attempt: number) => Promise<void>;
}

/**
 * The one retry loop for optimistic writes. Runs `attempt` (which reads what it needs afresh each
 * time) until it is `done`, a bounded number of times with a jittered back-off between attempts.
 * When every attempt lost, `gaveUp` turns the last loss into the answer. Errors are not retried:
 * they are bugs or outages, and the caller's own retry (with the same Idempotency-Key) is the safe
 * place for those.
 */
export async function retryWhileLost<T, L>(
  attempt: (attemptNumber: number) => Promise<Attempt<T, L>>,
  gaveUp: (lastLoss: L) => T,
  options: RetryOptions = {},
): Promise<T> {
  const attemptsMax = options.attemptsMax ?? limits.transactionAttemptsMax;
  const wait = options.wait ?? backoff;
  let lastLoss: L | undefined;
  for (let attemptNumber = 1; attemptNumber <= attemptsMax; attemptNumber += 1) {
    const result = await attempt(attemptNumber);
    if ('done' in result) return result.done;
    lastLoss = result.lost;
    if (attemptNumber < attemptsMax) await wait(attemptNumber);
  }
  if (lastLoss === undefined) throw new Error('retryWhileLost: attemptsMax must be at least 1');
  return gaveUp(lastLoss);
}

/** The longest single wait of {@link backoff}, so a long retry chain stays within a request's budget. */
const backoffMillisecondsMax = 1_000;

/**
 * A short, fully jittered exponential back-off (0 to 10 · 2^attempt ms, at most
 * `backoffMillisecondsMax`), so that racing writers do not collide again in lockstep.
 */
export function backoff(attempt: number): Promise<void> {
  const milliseconds = Math.random() * Math.min(backoffMillisecondsMax, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
