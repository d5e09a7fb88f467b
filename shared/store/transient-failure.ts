import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';

/**
 * Cancellation reason codes of a transaction that say "not now" rather than "no": another
 * transaction held one of the items, or the table was over its throughput.
 */
const transientCancellationCodes = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * Whether an error from the database means "try again shortly" and nothing about the request:
 * a throttle, a timeout, a lost connection, a server error, a conflict with another transaction.
 * The SDK has retried these already, within its attempts; what is left is answered as 503 with
 * `Retry-After`, so the caller retries with the same Idempotency-Key, which never moves money twice.
 *
 * Classified as the SDK classifies its own retries (`@smithy/core/retry`), plus DynamoDB's
 * conflicts, which the SDK does not retry: a `TransactionConflictException` on a single-item write,
 * and a cancelled transaction whose only reasons are transient.
 */
export function isTransientFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  if (error.name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
    const failed = reasons.filter((reason) => reason.Code !== undefined && reason.Code !== 'None');
    return failed.length > 0 && failed.every((reason) => transientCancellationCodes.has(reason.Code ?? ''));
  }
  const sdkError = error as SdkError;
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}
