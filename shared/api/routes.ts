/**
 * The API's routes, declared once. The local server, the CDK stack, the authorizer and the shared
 * middy chain all read this table, so a route that works locally is the route that is deployed.
 * It is data about the handlers, not code of theirs: shared code may import it, and each entry
 * names the folder under `functions/` that holds its handler.
 */

import type { Role } from '../auth/role.ts';

export interface RouteDefinition {
  readonly method: 'GET' | 'POST';
  /** API Gateway resource path, with `{name}` path parameters. */
  readonly path: string;
  /** Folder under `functions/` whose `handler.ts` exports `handler`. */
  readonly functionName: string;
  /** Roles allowed to call the route; empty for a public route (no token needed). */
  readonly roles: readonly Role[];
  /**
   * True when the route moves money (or creates a claim that will) and so requires an
   * `Idempotency-Key` header.
   */
  readonly movesMoney?: boolean;
  /**
   * True for a GET route that still writes the table: the citizen's first visit is noted by
   * get-account and list-my-claims (one conditional put, once per person), so claims for people
   * who never logged in can be flagged. The stack grants such functions write access.
   */
  readonly notesFirstVisit?: boolean;
  /**
   * True for a POST route that only reads: it takes a body (a BSN may be sent in a body only, never
   * in a path or query) but writes nothing, as the preview of an end of employment. The stack
   * grants its function read access only.
   */
  readonly readsOnly?: boolean;
}

export const routes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/v1/health', functionName: 'health', roles: [] },
  { method: 'GET', path: '/v1/openapi.json', functionName: 'openapi', roles: [] },
  {
    method: 'GET',
    path: '/v1/organisation',
    functionName: 'get-organisation',
    roles: ['employer', 'funder', 'provider', 'auditor'],
  },
  { method: 'POST', path: '/v1/schemes', functionName: 'create-scheme', roles: ['employer', 'funder'] },
  { method: 'GET', path: '/v1/schemes', functionName: 'list-schemes', roles: ['employer', 'funder'] },
  { method: 'POST', path: '/v1/employees', functionName: 'register-employee', roles: ['employer'] },
  { method: 'POST', path: '/v1/employees/end', functionName: 'end-employment', roles: ['employer'], movesMoney: true },
  {
    method: 'POST',
    path: '/v1/employees/end/preview',
    functionName: 'preview-end-employment',
    roles: ['employer'],
    readsOnly: true,
  },
  {
    method: 'POST',
    path: '/v1/deposits',
    functionName: 'create-deposit',
    roles: ['employer', 'funder'],
    movesMoney: true,
  },
  {
    method: 'POST',
    path: '/v1/deposit-batches',
    functionName: 'create-deposit-batch',
    roles: ['employer', 'funder'],
    movesMoney: true,
  },
  { method: 'GET', path: '/v1/deposit-batches', functionName: 'list-deposit-batches', roles: ['employer', 'funder'] },
  {
    method: 'GET',
    path: '/v1/deposit-batches/{batchId}',
    functionName: 'get-deposit-batch',
    roles: ['employer', 'funder'],
  },
  { method: 'GET', path: '/v1/me/account', functionName: 'get-account', roles: ['citizen'], notesFirstVisit: true },
  { method: 'GET', path: '/v1/me/transactions', functionName: 'list-transactions', roles: ['citizen'] },
  { method: 'GET', path: '/v1/me/claims', functionName: 'list-my-claims', roles: ['citizen'], notesFirstVisit: true },
  { method: 'GET', path: '/v1/me/claims/{claimId}/allocation', functionName: 'get-allocation', roles: ['citizen'] },
  {
    method: 'POST',
    path: '/v1/me/claims/{claimId}/approve',
    functionName: 'approve-claim',
    roles: ['citizen'],
    movesMoney: true,
  },
  { method: 'POST', path: '/v1/me/claims/{claimId}/reject', functionName: 'reject-claim', roles: ['citizen'] },
  { method: 'POST', path: '/v1/courses', functionName: 'create-course', roles: ['provider'] },
  {
    method: 'GET',
    path: '/v1/courses',
    functionName: 'search-courses',
    roles: ['citizen', 'employer', 'funder', 'provider', 'auditor'],
  },
  { method: 'POST', path: '/v1/claims', functionName: 'create-claim', roles: ['provider'], movesMoney: true },
  { method: 'GET', path: '/v1/claims', functionName: 'list-claims', roles: ['provider'] },
  { method: 'GET', path: '/v1/claims/{claimId}', functionName: 'get-claim', roles: ['provider'] },
  {
    method: 'POST',
    path: '/v1/claims/{claimId}/capture',
    functionName: 'capture-claim',
    roles: ['provider'],
    movesMoney: true,
  },
  {
    method: 'POST',
    path: '/v1/claims/{claimId}/cancel',
    functionName: 'cancel-claim',
    roles: ['provider'],
    movesMoney: true,
  },
  { method: 'GET', path: '/v1/reports/usage', functionName: 'usage-report', roles: ['employer', 'funder'] },
  { method: 'GET', path: '/v1/payouts', functionName: 'list-payouts', roles: ['provider'] },
  { method: 'GET', path: '/v1/admin/reconciliation', functionName: 'reconciliation', roles: ['auditor'] },
  { method: 'POST', path: '/v1/admin/providers', functionName: 'register-provider', roles: ['auditor'] },
  { method: 'GET', path: '/v1/admin/audit', functionName: 'list-audit', roles: ['auditor'] },
];

/** The function that verifies bearer tokens for every non-public route. */
export const authorizerFunctionName = 'authorizer';
