/** A successful answer from a use case: the status and the JSON body, as stored for idempotent replays. */
export interface Reply {
  readonly statusCode: number;
  readonly body: unknown;
}
