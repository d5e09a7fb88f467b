import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import type { RouteDefinition } from '../../shared/api/routes.ts';
import { apiFunctionTimeoutMs } from '../../shared/runtime/deadlines.ts';

/**
 * Builds the events API Gateway (REST, Lambda proxy) would send, so that the local server runs
 * the very handlers that are deployed, unchanged.
 */

const localApiArn = 'arn:aws:execute-api:eu-west-1:000000000000:local';

/** A matched route with its path parameters. */
export interface RouteMatch {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
}

/**
 * True when every `%` in `path` starts an escape of well-formed UTF-8 (`/v1/claims/clm_%ff` is
 * not). API Gateway refuses such a path with 400 before any authorizer or handler runs; the local
 * server must do the same rather than let a decoding error become a 500.
 */
export function hasWellFormedPercentEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Compiles `/v1/me/claims/{claimId}` into a matcher. Call it only for a path with well-formed percent-encoding. */
export function routeMatcher(route: RouteDefinition): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}$`);
  return (path) => {
    const match = regex.exec(path);
    if (match === null) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
  };
}

function singleValueHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** The REQUEST authorizer event for a call. */
export function authorizerEvent(
  request: IncomingMessage,
  match: RouteMatch,
  url: URL,
): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: `${localApiArn}/local/${match.route.method}${url.pathname}`,
    resource: match.route.path,
    path: url.pathname,
    httpMethod: match.route.method,
    headers: singleValueHeaders(request),
    multiValueHeaders: {},
    pathParameters: match.pathParameters,
    queryStringParameters: Object.fromEntries(url.searchParams),
    multiValueQueryStringParameters: {},
    stageVariables: null,
    requestContext: {} as APIGatewayRequestAuthorizerEvent['requestContext'],
  };
}

/** The Lambda proxy event for a call, with the authorizer's context where API Gateway puts it. */
export function proxyEvent(
  request: IncomingMessage,
  match: RouteMatch,
  url: URL,
  body: Buffer,
  authorizer: Record<string, unknown> | undefined,
): APIGatewayProxyEvent {
  const requestId = randomUUID();
  const query = Object.fromEntries(url.searchParams);
  return {
    resource: match.route.path,
    path: url.pathname,
    httpMethod: match.route.method,
    headers: singleValueHeaders(request),
    multiValueHeaders: {},
    queryStringParameters: Object.keys(query).length === 0 ? null : query,
    multiValueQueryStringParameters: null,
    pathParameters: Object.keys(match.pathParameters).length === 0 ? null : match.pathParameters,
    stageVariables: null,
    body: body.length === 0 ? null : body.toString('utf8'),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: authorizer ?? null,
      httpMethod: match.route.method,
      identity: {
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: url.pathname,
      protocol: 'HTTP/1.1',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: match.route.path,
      stage: 'local',
    },
  };
}

/**
 * A Lambda context good enough for the handlers: the request id, and the time left before the
 * function's timeout, counted from now as Lambda counts it, so a handler answers 503 in time here too.
 */
export function lambdaContext(functionName: string, timeoutMs = apiFunctionTimeoutMs): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
