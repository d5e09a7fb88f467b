/**
 * Puts the route table of `shared/api/routes.ts` on the REST API: one method per route, each
 * integrated with its function, behind the Lambda authorizer unless the route is public.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import type { IResource, Method, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { LambdaIntegration, RequestAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { RouteDefinition } from '../shared/api/routes.ts';
import { authorizerFunctionName, routes } from '../shared/api/routes.ts';
import type { ApiFunction } from './api-function.ts';

/**
 * Adds every route of the route table, building nested resources from the path, and the
 * authorizer (`Authorizer`, directly in the stack). Returns the public methods, which are the
 * only ones without the authorizer.
 *
 * @param functions - every function by its folder name under `functions/`, the authorizer included
 */
export function addRoutes(stack: Stack, api: RestApi, functions: ReadonlyMap<string, ApiFunction>): Method[] {
  const authorizer = new RequestAuthorizer(stack, 'Authorizer', {
    handler: functionNamed(functions, authorizerFunctionName),
    identitySources: ['method.request.header.Authorization'],
    // No caching. API Gateway would reuse a cached policy for every method the same token
    // calls, so the authorizer could not decide per route, and a client disabled in the
    // registry would keep access until the entry expired. Verifying a JWT against a JWKS
    // that the function caches at module scope costs a few milliseconds per request.
    resultsCacheTtl: Duration.seconds(0),
  });

  const publicMethods: Method[] = [];
  for (const route of routes) {
    const integration = new LambdaIntegration(functionNamed(functions, route.functionName), {
      // One invoke permission per method instead of two: console test invocations bypass the
      // authorizer and are not how anyone should reach a ledger.
      allowTestInvoke: false,
    });
    const isPublic = route.roles.length === 0;
    const method = resourceFor(api, route.path).addMethod(
      route.method,
      integration,
      isPublic ? {} : { authorizer, apiKeyRequired: isBusinessOnly(route) },
    );
    if (isPublic) {
      publicMethods.push(method);
    }
  }
  return publicMethods;
}

/** The resource for a path such as `/v1/me/account`, creating missing segments on the way. */
export function resourceFor(api: RestApi, path: string): IResource {
  let resource: IResource = api.root;
  for (const part of path.split('/').filter((segment) => segment !== '')) {
    resource = resource.getResource(part) ?? resource.addResource(part);
  }
  return resource;
}

/**
 * True when only business clients may call the route: those methods require the client's usage
 * plan key. Routes a citizen may call (their own, course search) are throttled by the stage.
 */
function isBusinessOnly(route: RouteDefinition): boolean {
  return route.roles.length > 0 && !route.roles.includes('citizen');
}

function functionNamed(functions: ReadonlyMap<string, ApiFunction>, name: string): ApiFunction {
  const fn = functions.get(name);
  if (fn === undefined) {
    throw new Error(`No function ${name}`);
  }
  return fn;
}
