/**
 * How a call to the API can fail, for both apps (`api-request.ts` throws these). Free of the
 * browser's objects, so pure logic that tells failures apart can be tested on its own.
 */

/** An answer other than 2xx, with the problem+json `code` and `detail` when there are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail?: string,
  ) {
    super(`the API answered ${status}${code === undefined ? '' : ` ${code}`}`);
  }
}

/** The browser could not reach the API at all. */
export class NetworkError extends Error {}

/**
 * Whether a failed request may have been done all the same: the answer was lost (no connection) or
 * the server could not say (5xx). Its key must then go with the next attempt, even after the form
 * changed, so the API either answers the first request again or refuses a different one
 * (`idempotency_key_reused`) instead of moving money a second time.
 */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}
