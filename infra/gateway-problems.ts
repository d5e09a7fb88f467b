/**
 * The answers API Gateway gives on its own (no token, denied, throttled, unknown route,
 * integration failure), made RFC 9457 problem documents like the handlers' own.
 */
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { ResponseType } from 'aws-cdk-lib/aws-apigateway';
import { busyRetryAfterSeconds, type DeployedEdgeCode, type ProblemCode } from '../shared/http/problem.ts';
import { apiSecurityHeaders, bearerChallenge, gatewayHeaderValue } from '../shared/http/security-headers.ts';

interface ProblemResponse {
  readonly type: ResponseType;
  /** Headers of this response only, besides the ones every gateway response carries. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Absent for the default responses, which keep the status of the specific cause. */
  readonly status?: number;
  readonly title: string;
  readonly code: ProblemCode | DeployedEdgeCode;
  readonly detail: string;
}

/** The gateway responses that become problem documents, each with its status, title, code and detail. */
export const gatewayProblems: readonly ProblemResponse[] = [
  {
    type: ResponseType.UNAUTHORIZED,
    status: 401,
    title: 'Unauthorized',
    code: 'unauthorized',
    detail: 'A valid bearer token is required.',
    // RFC 6750 §3. API Gateway answers a missing Authorization header and a token the authorizer
    // refused with this one response and a fixed header, so it cannot leave the error out for the
    // first as §3.1 advises (SHOULD NOT). It names invalid_token for both: an expired token is by far
    // the most common 401, and clients renew their token on exactly that error.
    headers: { 'WWW-Authenticate': bearerChallenge.invalidToken },
  },
  {
    type: ResponseType.ACCESS_DENIED,
    status: 403,
    title: 'Forbidden',
    code: 'forbidden',
    detail: 'The token does not allow this request.',
  },
  // API Gateway answers an unknown route with 403 "Missing Authentication Token"; a 404 says
  // what actually happened.
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    title: 'Not Found',
    code: 'not_found',
    detail: 'No such route.',
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    title: 'Content Too Large',
    code: 'request_too_large',
    detail: 'The request body is too large.',
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    title: 'Unsupported Media Type',
    code: 'unsupported_media_type',
    detail: 'The request body must be JSON.',
  },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    title: 'Too Many Requests',
    code: 'throttled',
    detail: 'Too many requests; retry later.',
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    status: 429,
    title: 'Too Many Requests',
    code: 'quota_exceeded',
    detail: 'The usage quota is exhausted.',
  },
  // A business client without a usage plan key (not listed in `businessClients`).
  {
    type: ResponseType.INVALID_API_KEY,
    status: 403,
    title: 'Forbidden',
    code: 'no_usage_plan',
    detail: 'This client has no usage plan; ask the operator to add it.',
  },
  {
    type: ResponseType.WAF_FILTERED,
    status: 403,
    title: 'Forbidden',
    code: 'blocked',
    detail: 'The request was blocked by the firewall.',
  },
  // The authorizer failed (rather than refused): in practice the client registry could not be read
  // because the database is busy or away. A 503 with Retry-After, as a handler answers then, tells
  // the client to come back rather than that something is broken.
  {
    type: ResponseType.AUTHORIZER_FAILURE,
    status: 503,
    title: 'Service Unavailable',
    code: 'service_unavailable',
    detail: 'We could not check the token at the moment. Please try again in a few seconds.',
    headers: { 'Retry-After': String(busyRetryAfterSeconds) },
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    title: 'Gateway Timeout',
    code: 'timeout',
    detail: 'The request took too long.',
  },
  // The default responses cover several status codes each, and API Gateway keeps the code
  // of the specific cause; the body therefore leaves `status` out (RFC 9457 makes it
  // advisory) rather than state a wrong one.
  {
    type: ResponseType.DEFAULT_4XX,
    title: 'Bad Request',
    code: 'bad_request',
    detail: 'The request was rejected.',
  },
  {
    type: ResponseType.DEFAULT_5XX,
    title: 'Internal Server Error',
    code: 'internal',
    detail: 'Something went wrong on our side.',
  },
];

/**
 * Makes the answers API Gateway gives on its own RFC 9457 problem documents like the handlers'
 * own, so clients parse one error format, with the handlers' security headers and the web app's
 * CORS origin, so a browser can read the error. Details are fixed strings: nothing from the
 * request is echoed.
 */
export function addProblemResponses(api: RestApi, webOrigin: string): void {
  const headers: Record<string, string> = {
    'Content-Type': gatewayHeaderValue('application/problem+json'),
    ...gatewayHeaders(apiSecurityHeaders),
    'Access-Control-Allow-Origin': gatewayHeaderValue(webOrigin),
    Vary: gatewayHeaderValue('Origin'),
  };
  for (const problem of gatewayProblems) {
    const body = {
      type: 'about:blank',
      title: problem.title,
      ...(problem.status === undefined ? {} : { status: problem.status }),
      detail: problem.detail,
      code: problem.code,
    };
    api.addGatewayResponse(problem.type.responseType, {
      type: problem.type,
      ...(problem.status === undefined ? {} : { statusCode: String(problem.status) }),
      responseHeaders: {
        ...headers,
        ...gatewayHeaders(problem.headers ?? {}),
      },
      // API Gateway picks the template by the request's content type and falls back to the
      // `application/json` one, so this key serves every request.
      templates: { 'application/json': JSON.stringify(body) },
    });
  }
}

/** Response headers as API Gateway takes them: each value a quoted literal. */
function gatewayHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, gatewayHeaderValue(value)]));
}
