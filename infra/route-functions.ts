/**
 * The API's functions: one Lambda per distinct `functionName` in the route table of
 * `shared/api/routes.ts`, plus the authorizer, each allowed only what its routes need.
 */
import type { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { RouteDefinition } from '../shared/api/routes.ts';
import { authorizerFunctionName, routes } from '../shared/api/routes.ts';
import type { TableAccess } from './api-function.ts';
import { ApiFunction } from './api-function.ts';

export interface RouteFunctionsProps {
  /** The ledger table. */
  readonly table: ITableV2;
  /** The pseudonymisation key, for every function behind the authorizer and the authorizer itself. */
  readonly personIdSecret: IStringParameter;
  /** Environment for the authorizer only, such as the issuers it trusts. */
  readonly authorizerEnvironment: Readonly<Record<string, string>>;
  /** The API's private key that citizens' access tokens are encrypted to: for the authorizer only. */
  readonly citizenTokenKey: IStringParameter;
}

/**
 * Creates one function per distinct `functionName` in the route table, plus the authorizer, and
 * returns them by folder name under `functions/`. A function's table access follows from its
 * routes: a POST writes unless the route table marks it `readsOnly` (a preview that takes a BSN in
 * its body), GET-only reads, and the public routes (health, OpenAPI document) get none. The
 * functions are created directly in the stack, with ids derived from their names (`create-scheme`
 * is `CreateSchemeFunction`), so their logical ids do not depend on this code's layout.
 */
export function createRouteFunctions(stack: Stack, props: RouteFunctionsProps): ReadonlyMap<string, ApiFunction> {
  const routesByFunction = new Map<string, RouteDefinition[]>();
  for (const route of routes) {
    routesByFunction.set(route.functionName, [...(routesByFunction.get(route.functionName) ?? []), route]);
  }

  const functions = new Map<string, ApiFunction>();
  for (const [name, functionRoutes] of routesByFunction) {
    const isPublic = functionRoutes.every((route) => route.roles.length === 0);
    functions.set(
      name,
      new ApiFunction(stack, constructId(name), {
        name,
        table: props.table,
        tableAccess: tableAccessFor(functionRoutes),
        // Every function behind the authorizer may receive a BSN (deposits, employees, and
        // claims later), so each may read the key; public functions never see one.
        ...(isPublic ? {} : { personIdSecret: props.personIdSecret }),
      }),
    );
  }

  // The authorizer reads the client registry from the table, decrypts a citizen's token and turns
  // its BSN claim into a person id, so it reads the table and both keys, and writes nothing.
  functions.set(
    authorizerFunctionName,
    new ApiFunction(stack, constructId(authorizerFunctionName), {
      name: authorizerFunctionName,
      table: props.table,
      tableAccess: 'read',
      personIdSecret: props.personIdSecret,
      readableParameters: [props.citizenTokenKey],
      environment: {
        ...props.authorizerEnvironment,
        CITIZEN_TOKEN_DECRYPTION_KEY_PARAMETER: props.citizenTokenKey.parameterName,
      },
    }),
  );
  return functions;
}

/**
 * Writes only for functions with a POST route that writes (not `readsOnly`) or a GET route that
 * notes the citizen's first visit (`notesFirstVisit`); everything else behind the authorizer reads.
 */
function tableAccessFor(functionRoutes: readonly RouteDefinition[]): TableAccess {
  if (functionRoutes.every((route) => route.roles.length === 0)) {
    return 'none';
  }
  return functionRoutes.some(
    (route) => (route.method === 'POST' && route.readsOnly !== true) || route.notesFirstVisit === true,
  )
    ? 'readWrite'
    : 'read';
}

/** `create-scheme` becomes `CreateSchemeFunction`, a stable construct id. */
function constructId(name: string): string {
  const pascal = name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `${pascal}Function`;
}
