/**
 * CORS preflight (OPTIONS) on the resources a browser calls, for the web app's origin only.
 */
import { Duration } from 'aws-cdk-lib';
import type { Method, RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { RouteDefinition } from '../shared/api/routes.ts';
import { routes } from '../shared/api/routes.ts';
import { corsAllowedHeaders } from '../shared/http/security-headers.ts';
import { resourceFor } from './api-routes.ts';

/**
 * The routes a browser calls: the web app is the citizen's, so every route a citizen may call
 * (their own data under `/v1/me/`, and `GET /v1/courses`). Business clients are servers and
 * need no CORS, so their routes get no preflight and other methods on a shared resource (such
 * as a provider's `POST /v1/courses`) are not offered to browsers.
 */
export const browserRoutes: readonly RouteDefinition[] = routes.filter((route) => route.roles.includes('citizen'));

/** How long a browser may reuse a preflight answer. */
const corsMaxAge = Duration.minutes(10);

/**
 * Answers browsers' CORS preflight (OPTIONS) on the resources they call, for the web app's
 * origin only: the app itself is same-origin through CloudFront and needs none, but another
 * origin (`webOrigin`) may host it. No wildcard, no credentials (tokens travel in a header).
 * Returns the preflight methods, which take no token by design.
 */
export function addCorsPreflights(api: RestApi, webOrigin: string): Method[] {
  const methodsByPath = new Map<string, string[]>();
  for (const route of browserRoutes) {
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
  }
  return [...methodsByPath].map(([path, methods]) =>
    resourceFor(api, path).addCorsPreflight({
      allowOrigins: [webOrigin],
      allowHeaders: [...corsAllowedHeaders],
      allowMethods: methods,
      maxAge: corsMaxAge,
    }),
  );
}
