/**
 * How long an API function may run: its Lambda timeout. API Gateway gives up after 29 seconds, so a
 * function that runs longer only burns money; 10 seconds leaves room for a slow DynamoDB transaction
 * with the SDK's retries (see `dynamoTimeouts`), and the local server gives each request the same.
 */
export const apiFunctionTimeoutMs = 10_000;

/**
 * How long before its timeout an API handler stops waiting for its use case and answers 503 with
 * `Retry-After`. The caller then gets a problem it can act on (retry with the same Idempotency-Key)
 * instead of a gateway error; work that was still running finishes or not, and the retry finds out
 * which, since every write that moves money is keyed.
 */
export const apiAnswerMarginMs = 1_000;
