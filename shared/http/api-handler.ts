import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { type RouteDefinition, routes } from '../api/routes.ts';
import type { Reply } from '../application/reply.ts';
import type { Principal } from '../auth/principal.ts';
import { containsBsn } from '../identity/bsn.ts';
import { limits } from '../ledger/limits.ts';
import type { Outcome } from '../ledger/outcome.ts';
import { apiAnswerMarginMs } from '../runtime/deadlines.ts';
import { logger } from '../runtime/logger.ts';
import { InvalidCursorError } from '../store/ledger-store.ts';
import { isTransientFailure } from '../store/transient-failure.ts';
import { busyRetryAfterSeconds, HttpProblem, type ProblemCode, problemDetails, problemTable } from './problem.ts';
import { header, idempotencyKeyOf, jsonBody, principalOf, type RawBody, rawBodyOf, validate } from './request.ts';
import { apiSecurityHeaders, bearerChallenge } from './security-headers.ts';

export interface RequestSchemas {
  readonly body?: z.ZodMiniType;
  /**
   * The body as sent, for a route that reads more than JSON (a CSV upload): the handler gets its
   * text and content type, up to `limits.batchBodyBytesMax`, and parses it itself.
   */
  readonly rawBody?: true;
  readonly query?: z.ZodMiniType;
  readonly path?: z.ZodMiniType;
}

type Parsed<S extends z.ZodMiniType | undefined> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** What a handler's use case receives: validated input and the caller, never the raw event. */
export interface ApiRequest<S extends RequestSchemas> {
  readonly principal: Principal;
  readonly body: S['rawBody'] extends true ? RawBody : Parsed<S['body']>;
  readonly query: Parsed<S['query']>;
  readonly path: Parsed<S['path']>;
  /** Present on routes that move money. */
  readonly idempotencyKey: string;
  readonly requestId: string;
}

function respond(
  statusCode: number,
  body: unknown,
  contentType: string,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...headers, ...apiSecurityHeaders, 'Content-Type': contentType, 'X-Request-Id': requestId },
    body: JSON.stringify(body),
  };
}

/** Answers a problem as `application/problem+json`. */
export function problemResponse(
  code: ProblemCode,
  detail: string,
  requestId: string,
  errors?: HttpProblem['errors'],
): APIGatewayProxyResult {
  const response = respond(
    problemTable[code].status,
    problemDetails(code, detail, errors),
    'application/problem+json',
    requestId,
  );
  // RFC 6750 §3. The authorizer refuses bad tokens before a handler runs, so a handler's 401
  // means no caller at all reached it.
  return code === 'unauthorized'
    ? { ...response, headers: { ...response.headers, 'WWW-Authenticate': bearerChallenge.noToken } }
    : response;
}

function routeNamed(functionName: string): RouteDefinition {
  const route = routes.find((candidate) => candidate.functionName === functionName);
  if (route === undefined) throw new Error(`apiHandler: no route uses function ${functionName}`);
  return route;
}

/**
 * A correlation id the caller may choose: a UUID, in lower case, which cannot spell a BSN in any way
 * {@link containsBsn} knows. Its digits are read as groups only when whole groups of 8, 4, 4, 4 and 12
 * digits make nine, which none do; a run of digits inside a group is part of a word of hex digits
 * in one case, which containsBsn does not read as a BSN. A group in mixed case (letters, nine digits,
 * a letter of the other case) is not such a word, so the id is lower-cased before it is checked.
 */
const correlationIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The request's id, answered as `X-Request-Id` and put on every log line: the caller's
 * `X-Correlation-Id` when it is a UUID, else the id API Gateway generated. Anything else a caller
 * sends there could be a BSN (nine digits, bare or dotted after a prefix) echoed in a header and the log.
 */
function requestIdOf(event: APIGatewayProxyEvent): string {
  const given = header(event, 'x-correlation-id')?.toLowerCase();
  // containsBsn is a belt: a lower-case UUID cannot hold a BSN (see correlationIdPattern).
  return given !== undefined && correlationIdPattern.test(given) && !containsBsn(given)
    ? given
    : (event.requestContext?.requestId ?? 'local');
}

/**
 * True for `{}` and nothing else. Generated clients send `{}` to a POST that takes no body, so a route
 * without a body schema accepts it as no body; any other body there (`[]`, `null`, a key) is refused.
 */
function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * The shared middy chain every API handler is built from. It reads the route's roles and whether
 * it moves money from the route table, checks the caller, parses and validates the request, calls
 * the use case once, and turns every expected failure into problem+json. A handler only names its
 * schemas and its use case.
 */
export function apiHandler<S extends RequestSchemas>(
  functionName: string,
  schemas: S,
  useCase: (request: ApiRequest<S>) => Promise<Outcome<Reply>>,
) {
  const route = routeNamed(functionName);
  if (route.roles.length === 0) throw new Error(`apiHandler: ${functionName} is public; use publicHandler`);

  const base = async (event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = requestIdOf(event);
    logger.appendKeys({ requestId, route: `${route.method} ${route.path}` });
    // Authorization comes before reading the body, so an anonymous caller learns nothing about validation.
    const principal = principalOf(event, route.roles);
    const idempotencyKey = route.movesMoney === true ? idempotencyKeyOf(event) : '';
    let body: unknown;
    if (schemas.rawBody === true) {
      body = rawBodyOf(event, limits.batchBodyBytesMax);
    } else {
      const json = jsonBody(event);
      if (json !== undefined && schemas.body === undefined && !isEmptyObject(json)) {
        throw new HttpProblem('validation_failed', 'This endpoint takes no body.');
      }
      body = schemas.body === undefined ? undefined : validate(schemas.body, json, 'body');
    }
    const request = {
      principal,
      body,
      query:
        schemas.query === undefined ? undefined : validate(schemas.query, event.queryStringParameters ?? {}, 'query'),
      path: schemas.path === undefined ? undefined : validate(schemas.path, event.pathParameters ?? {}, 'path'),
      idempotencyKey,
      requestId,
    } as ApiRequest<S>;
    const outcome = await useCase(request);
    if (!outcome.ok) {
      logger.info('request refused', { code: outcome.code });
      return problemResponse(outcome.code, outcome.detail, requestId);
    }
    const reply = outcome.value;
    return respond(reply.statusCode, reply.body, 'application/json', requestId, reply.headers);
  };

  return withErrorHandling(base);
}

/** A handler for a public route (no token): it still answers problems and sets the same headers. */
export function publicHandler(functionName: string, run: () => Promise<Reply>) {
  const route = routeNamed(functionName);
  if (route.roles.length > 0) throw new Error(`publicHandler: ${functionName} needs a token; use apiHandler`);
  return withErrorHandling(async (event: APIGatewayProxyEvent) => {
    const reply = await run();
    return respond(reply.statusCode, reply.body, 'application/json', requestIdOf(event));
  });
}

/** Answers a failure of the database that is worth a retry: 503, `Retry-After`, and no internals. */
function unavailableResponse(requestId: string, timedOut: boolean): APIGatewayProxyResult {
  const detail = timedOut
    ? 'We could not finish your request in time.'
    : 'The database is busy or cannot be reached at the moment.';
  const response = problemResponse(
    'service_unavailable',
    `${detail} Please try again in a few seconds; a retry with the same Idempotency-Key never moves money twice.`,
    requestId,
  );
  return { ...response, headers: { ...response.headers, 'Retry-After': String(busyRetryAfterSeconds) } };
}

/** The error middy throws when a handler ran into its deadline (`timeoutEarlyInMillis`). */
function isDeadline(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TimeoutError' &&
    (error.cause as { package?: string } | undefined)?.package === '@middy/core'
  );
}

function withErrorHandling(base: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>) {
  // Answers 503 a margin before the function's timeout, so a database that hangs costs the caller a
  // clear answer within the deadline rather than a gateway 504 (contexts without a deadline: none).
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>({ timeoutEarlyInMillis: apiAnswerMarginMs })
    .use({
      onError: (request) => {
        const requestId = requestIdOf(request.event);
        const error = request.error;
        if (error instanceof HttpProblem) {
          logger.info('request refused', {
            code: error.code,
            reason: error.cause instanceof Error ? error.cause.message : error.cause,
          });
          request.response = problemResponse(error.code, error.message, requestId, error.errors);
          return;
        }
        if (error instanceof InvalidCursorError) {
          request.response = problemResponse('validation_failed', error.message, requestId, [
            { path: 'query.cursor', message: error.message },
          ]);
          return;
        }
        const timedOut = isDeadline(error);
        if (timedOut || isTransientFailure(error)) {
          logger.warn('request not finished: the database is busy or away', { error: error ?? undefined });
          request.response = unavailableResponse(requestId, timedOut);
          return;
        }
        logger.error('request failed', { error });
        request.response = problemResponse(
          'internal_error',
          'Something went wrong on our side. Please try again later; ' +
            'a retry with the same Idempotency-Key never moves money twice.',
          requestId,
        );
      },
    })
    .handler(base);
}
