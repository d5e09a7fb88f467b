/**
 * Expected outcomes are values, not exceptions. This is the closed, ordered list of codes a
 * use case can answer with besides success; `shared/http/problem.ts` maps every one of them to
 * an HTTP status in one exhaustive table. Exceptions are reserved for bugs and outages.
 */
export const failureCodes = [
  'unknown_person',
  'unknown_scheme',
  'scheme_exists',
  'scheme_expired',
  'invalid_expiry',
  'not_employed',
  'invalid_end_date',
  'amount_exceeds_max',
  'budget_exceeded',
  'insufficient_funds',
  'idempotency_key_reused',
  'concurrent_update',
  'unknown_provider',
  'provider_not_active',
  'unknown_course',
  'course_exists',
  'amount_exceeds_price',
  'unknown_claim',
  'claim_not_approvable',
  'invalid_claim_state',
  'invalid_split',
  'ambiguous_scheme',
  'amount_exceeds_reserved',
  'invalid_evidence',
  'claim_limit_reached',
  'invalid_start_date',
  'unknown_batch',
] as const;

export type FailureCode = (typeof failureCodes)[number];

export interface Failure {
  readonly ok: false;
  readonly code: FailureCode;
  /** A sentence for the caller that says what is wrong and, where possible, what to do. */
  readonly detail: string;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Outcome<T> = Success<T> | Failure;

export function succeed<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail(code: FailureCode, detail: string): Failure {
  return { ok: false, code, detail };
}
