import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext, proxyEvent } from '../../infra/local/api-gateway.ts';
import { type RouteDefinition, routes } from '../../shared/api/routes.ts';

/** A Lambda proxy handler as the functions export it. */
export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** One prepared invocation: built before the clock starts, so the measurement is the handler alone. */
export interface Invocation {
  readonly event: APIGatewayProxyEvent;
  readonly context: Context;
}

export function routeOf(functionName: string): RouteDefinition {
  const route = routes.find((candidate) => candidate.functionName === functionName);
  if (route === undefined) throw new Error(`bench: no route for function ${functionName}`);
  return route;
}

/**
 * The event the local API Gateway would build for this call, by the very function it uses
 * (`proxyEvent`). Only the parts of the HTTP request it reads are given: headers (lower-case, as
 * Node delivers them) and the peer address; `pathParameters` fill the route's `{name}` segments.
 */
export function invocation(
  route: RouteDefinition,
  headers: Record<string, string>,
  body: unknown,
  authorizer: Record<string, unknown>,
  pathParameters: Record<string, string> = {},
): Invocation {
  const request = { headers, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
  const path = Object.entries(pathParameters).reduce(
    (filled, [name, value]) => filled.replace(`{${name}}`, encodeURIComponent(value)),
    route.path,
  );
  if (path.includes('{'))
    throw new Error(`bench: ${route.path} needs path parameters, given ${JSON.stringify(pathParameters)}`);
  const url = new URL(path, 'http://localhost');
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
  return {
    event: proxyEvent(request, { route, pathParameters }, url, payload, authorizer),
    context: lambdaContext(route.functionName),
  };
}
