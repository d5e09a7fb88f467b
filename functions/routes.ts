/**
 * The API's routes, declared once. The local server and the CDK stack both read this table,
 * so a route that works locally is the route that is deployed.
 */

/** Who may call a route. `public` routes skip the authorizer. */
export type Role = 'citizen' | 'employer' | 'funder' | 'provider' | 'auditor';

export interface RouteDefinition {
  readonly method: 'GET' | 'POST';
  /** API Gateway resource path, with `{name}` path parameters. */
  readonly path: string;
  /** Folder under `functions/` whose `handler.ts` exports `handler`. */
  readonly functionName: string;
  /** Roles allowed to call the route; empty for a public route (no token needed). */
  readonly roles: readonly Role[];
  /** True when the route moves money and so requires an `Idempotency-Key` header. */
  readonly movesMoney?: boolean;
}

export const routes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/v1/health', functionName: 'health', roles: [] },
  { method: 'GET', path: '/v1/openapi.json', functionName: 'openapi', roles: [] },
  { method: 'POST', path: '/v1/schemes', functionName: 'create-scheme', roles: ['employer', 'funder'] },
  { method: 'GET', path: '/v1/schemes', functionName: 'list-schemes', roles: ['employer', 'funder'] },
  { method: 'POST', path: '/v1/employees', functionName: 'register-employee', roles: ['employer'] },
  { method: 'POST', path: '/v1/employees/end', functionName: 'end-employment', roles: ['employer'], movesMoney: true },
  { method: 'POST', path: '/v1/deposits', functionName: 'create-deposit', roles: ['employer', 'funder'], movesMoney: true },
  { method: 'GET', path: '/v1/me/account', functionName: 'get-account', roles: ['citizen'] },
  { method: 'GET', path: '/v1/me/transactions', functionName: 'list-transactions', roles: ['citizen'] },
  { method: 'GET', path: '/v1/admin/reconciliation', functionName: 'reconciliation', roles: ['auditor'] },
];

/** The function that verifies bearer tokens for every non-public route. */
export const authorizerFunctionName = 'authorizer';
