import { maskBsns } from '../identity/bsn.ts';
import type { FailureCode } from '../ledger/outcome.ts';

/** Codes the HTTP edge itself answers with, before or around the domain. */
export type EdgeCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'idempotency_key_missing'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'batch_too_large'
  | 'invalid_csv'
  | 'unsupported_media_type'
  | 'service_unavailable'
  | 'internal_error';

export type ProblemCode = FailureCode | EdgeCode;

/**
 * The `Retry-After` of a 503 for a database that is busy or away, in seconds: the handlers', the
 * local server's for a failed authorizer, and the deployed gateway's AUTHORIZER_FAILURE answer.
 */
export const busyRetryAfterSeconds = 2;

/**
 * Codes that only the deployed edge answers with, never a handler: API Gateway's own answers
 * (`infra/gateway-problems.ts`) and the firewall's (`infra/api-firewall.ts`). Listed here so that the
 * OpenAPI document's Problem `code` names every code a client can get, and typed there so that a
 * new one cannot be left out.
 */
export const deployedEdgeCodes = [
  'request_too_large',
  'throttled',
  'quota_exceeded',
  'rate_limited',
  'no_usage_plan',
  'blocked',
  'timeout',
  'bad_request',
  'internal',
] as const;

export type DeployedEdgeCode = (typeof deployedEdgeCodes)[number];

/**
 * The one table from every outcome code to its HTTP status and title. `satisfies Record<…>` makes
 * the compiler refuse a code without a row, so no outcome can fall through to a 500.
 */
export const problemTable = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  invalid_json: { status: 400, title: 'The body is not valid JSON' },
  idempotency_key_missing: { status: 400, title: 'Idempotency-Key header missing or invalid' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  batch_too_large: { status: 413, title: 'The batch is too large' },
  invalid_csv: { status: 400, title: 'The CSV could not be read' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  unknown_person: { status: 422, title: 'Unknown person' },
  unknown_scheme: { status: 422, title: 'Unknown scheme' },
  unknown_batch: { status: 404, title: 'Unknown batch' },
  scheme_exists: { status: 409, title: 'Scheme already exists' },
  scheme_expired: { status: 422, title: 'Scheme has expired' },
  invalid_expiry: { status: 422, title: 'Invalid expiry' },
  not_employed: { status: 422, title: 'Not employed' },
  invalid_end_date: { status: 422, title: 'Invalid end date' },
  amount_exceeds_max: { status: 422, title: 'Amount too large' },
  budget_exceeded: { status: 409, title: 'Budget exceeded' },
  insufficient_funds: { status: 409, title: 'Insufficient funds' },
  idempotency_key_reused: { status: 409, title: 'Idempotency key reused' },
  concurrent_update: { status: 409, title: 'Concurrent update' },
  unknown_provider: { status: 422, title: 'Unknown provider' },
  provider_not_active: { status: 403, title: 'Provider not active' },
  unknown_course: { status: 422, title: 'Unknown course' },
  course_exists: { status: 409, title: 'Course already exists' },
  amount_exceeds_price: { status: 422, title: 'Amount above the course price' },
  unknown_claim: { status: 404, title: 'Claim not found' },
  claim_not_approvable: { status: 409, title: 'Claim cannot be approved or rejected' },
  invalid_claim_state: { status: 409, title: 'Claim is not in a state that allows this' },
  invalid_split: { status: 422, title: 'Invalid split' },
  ambiguous_scheme: { status: 409, title: 'More than one funder has this scheme id' },
  amount_exceeds_reserved: { status: 422, title: 'Amount above what is held' },
  invalid_evidence: { status: 422, title: 'Invalid evidence' },
  claim_limit_reached: { status: 409, title: 'Claim limit for this course reached' },
  invalid_start_date: { status: 400, title: 'Invalid start date' },
} as const satisfies Record<ProblemCode, { status: number; title: string }>;

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ProblemCode;
  readonly errors?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

/**
 * An expected HTTP failure, thrown from middleware and turned into `application/problem+json` by
 * the error middleware. `expose` follows middy's convention: details below 500 go to the caller.
 */
export class HttpProblem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly expose: boolean;
  readonly errors?: ProblemDetails['errors'];

  constructor(code: ProblemCode, detail: string, options: { errors?: ProblemDetails['errors']; cause?: unknown } = {}) {
    super(detail, { cause: options.cause });
    this.name = 'HttpProblem';
    this.code = code;
    this.status = problemTable[code].status;
    this.expose = this.status < 500;
    if (options.errors !== undefined) this.errors = options.errors;
  }
}

/**
 * The RFC 9457 body for a code. Detail and errors may quote what the caller sent (a validation
 * message names an unknown key, a detail names an id), so any BSN in them is masked: a response
 * never echoes a BSN, even one sent where it does not belong.
 */
export function problemDetails(code: ProblemCode, detail: string, errors?: ProblemDetails['errors']): ProblemDetails {
  const { status, title } = problemTable[code];
  return {
    type: `https://leerrekening.nl/problems/${code.replaceAll('_', '-')}`,
    title,
    status,
    detail: maskBsns(detail),
    code,
    ...(errors !== undefined &&
      errors.length > 0 && {
        errors: errors.map((error) => ({ path: maskBsns(error.path), message: maskBsns(error.message) })),
      }),
  };
}
