/**
 * A successful answer from a use case: the status and the JSON body. It is also what an
 * idempotency record keeps (`IdempotencyRecord.response`), so a replay is the first answer itself.
 */
export interface Reply {
  readonly statusCode: number;
  readonly body: unknown;
  /** Headers beyond the standard ones, such as `Location` for 202 Accepted. */
  readonly headers?: Readonly<Record<string, string>>;
}
