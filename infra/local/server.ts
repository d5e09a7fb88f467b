import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { authorizerFunctionName, routes } from '../../shared/api/routes.ts';
import { busyRetryAfterSeconds, type ProblemCode, problemDetails } from '../../shared/http/problem.ts';
import { apiSecurityHeaders, bearerChallenge } from '../../shared/http/security-headers.ts';
import { createLogger } from '../../shared/runtime/logger.ts';
import {
  authorizerEvent,
  hasWellFormedPercentEncoding,
  lambdaContext,
  proxyEvent,
  type RouteMatch,
  routeMatcher,
} from './api-gateway.ts';
import type { LocalOidc } from './oidc.ts';

/** API Gateway's own payload limit for REST APIs; the handlers enforce their smaller limits. */
const gatewayBodyBytesMax = 10 * 1024 * 1024;

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type AuthorizerHandler = (
  event: APIGatewayRequestAuthorizerEvent,
  context: Context,
) => Promise<APIGatewayAuthorizerResult>;

const matchers = routes.map((route) => ({ route, match: routeMatcher(route) }));

/** Loads a function's handler module once, as a Lambda instance would on its cold start. */
const handlerModules = new Map<string, Promise<{ handler: unknown }>>();
function loadHandler<T>(functionName: string): Promise<T> {
  let loaded = handlerModules.get(functionName);
  if (loaded === undefined) {
    loaded = import(`../../functions/${functionName}/handler.ts`) as Promise<{ handler: unknown }>;
    handlerModules.set(functionName, loaded);
  }
  return loaded.then((module) => module.handler as T);
}

export interface LocalServerOptions {
  readonly oidc: LocalOidc;
  /** Serves everything that is neither `/v1` nor `/oidc` (the web app). */
  readonly web: (request: IncomingMessage, response: ServerResponse) => void;
  /**
   * Whether the API may be served now. The server listens before the system has finished starting
   * (the token issuer's address needs the port), and DynamoDB Local may be restarting after it died;
   * meanwhile the API answers 503 with `Retry-After`.
   */
  readonly ready?: () => boolean;
}

/**
 * One HTTP server for the whole local system: `/oidc` goes to the OpenID Connect provider, `/v1`
 * to the same Lambda handlers that are deployed, through the same authorizer, with events built
 * as API Gateway builds them; everything else to the web app.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/oidc' || url.pathname.startsWith('/oidc/')) {
      options.oidc.handle(request, response);
      return;
    }
    if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
      if (options.ready !== undefined && !options.ready()) {
        drain(request);
        response.setHeader('Retry-After', '1');
        sendProblem(
          response,
          'service_unavailable',
          'The system is starting, or restarting its database. Try again in a second.',
        );
        return;
      }
      serveApi(request, response, url).catch((error: unknown) => {
        log.error('local server: unexpected failure', { error });
        if (!response.headersSent) sendProblem(response, 'internal_error', 'The local server failed.');
      });
      return;
    }
    options.web(request, response);
  });
}

async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  if (!hasWellFormedPercentEncoding(url.pathname)) {
    drain(request);
    sendProblem(
      response,
      'validation_failed',
      'The path is not valid: every % must start an escape of UTF-8, as %C3%A9.',
    );
    return;
  }
  const matching = matchers
    .map(({ route, match }) => ({ route, pathParameters: match(url.pathname) }))
    .filter((candidate): candidate is RouteMatch => candidate.pathParameters !== undefined);
  if (matching.length === 0) {
    drain(request);
    // The path is not echoed, as API Gateway's own answer does not: percent-encoded, a BSN in it
    // (`999%20990%20019`) would pass any masking of the text.
    sendProblem(response, 'not_found', 'There is no such endpoint. See /v1/openapi.json.');
    return;
  }
  const match = matching.find((candidate) => candidate.route.method === request.method);
  if (match === undefined) {
    drain(request);
    response.setHeader('Allow', matching.map((candidate) => candidate.route.method).join(', '));
    sendProblem(response, 'method_not_allowed', `This endpoint does not accept ${request.method ?? 'this method'}.`);
    return;
  }
  const body = await readBody(request);
  if (body === undefined) {
    sendProblem(response, 'payload_too_large', `The body may be at most ${gatewayBodyBytesMax} bytes.`);
    return;
  }

  let authorizerContext: Record<string, unknown> | undefined;
  if (match.route.roles.length > 0) {
    const authorize = await loadHandler<AuthorizerHandler>(authorizerFunctionName);
    try {
      const result = await authorize(authorizerEvent(request, match, url), lambdaContext(authorizerFunctionName));
      authorizerContext = result.context ?? {};
    } catch (error) {
      // API Gateway answers 401 when the authorizer throws 'Unauthorized', and 500 otherwise.
      if (error instanceof Error && error.message === 'Unauthorized') {
        const sentBearer = /^Bearer\s/i.test(request.headers.authorization ?? '');
        response.setHeader('WWW-Authenticate', sentBearer ? bearerChallenge.invalidToken : bearerChallenge.noToken);
        sendProblem(response, 'unauthorized', 'A valid bearer token is required.');
      } else {
        // As the deployed gateway's AUTHORIZER_FAILURE response (infra/gateway-problems.ts): 503, Retry-After.
        log.warn('local server: authorizer failed', { error });
        response.setHeader('Retry-After', String(busyRetryAfterSeconds));
        sendProblem(
          response,
          'service_unavailable',
          'We could not check the token at the moment. Please try again in a few seconds.',
        );
      }
      return;
    }
  }

  const handler = await loadHandler<ProxyHandler>(match.route.functionName);
  const result = await handler(
    proxyEvent(request, match, url, body, authorizerContext),
    lambdaContext(match.route.functionName),
  );
  response.writeHead(result.statusCode, result.headers as Record<string, string>);
  response.end(result.isBase64Encoded === true ? Buffer.from(result.body, 'base64') : result.body);
}

/** Reads the body, or undefined once it passes API Gateway's limit. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > gatewayBodyBytesMax) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function drain(request: IncomingMessage): void {
  request.resume();
}

/** The local server's own failures, through the logger that masks BSNs like every other line. */
const log = createLogger('local-server');

function sendProblem(response: ServerResponse, code: ProblemCode, detail: string): void {
  const body = problemDetails(code, detail);
  // The same headers as every API answer; here the local server answers for API Gateway itself, which names
  // its own answers by x-amzn-RequestId (no handler ran, so there is no X-Request-Id).
  response.writeHead(body.status, {
    ...apiSecurityHeaders,
    'Content-Type': 'application/problem+json',
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(JSON.stringify(body));
}
