/**
 * The citizen's part of the API (the `/me` routes and course search; see the README's API section
 * or the OpenAPI document at `GET /v1/openapi.json`), typed. Every call carries the access token;
 * a 401 means the session is over, so the app logs in again and comes back to the same page.
 */

import type { Account, Allocation, Claim, Course, Page, Part, Pot, Transaction } from '../../shared/api/views.ts';
import { ApiError, createApiRequest, NetworkError } from './api-request.ts';
import { config } from './config.ts';
import { citizenSession } from './session.ts';

/**
 * The API's answers: the output types of the zod schemas the handlers answer with, so the app cannot
 * drift from what the API sends. Types only, so none of the server's code reaches the bundle.
 */
export type { Account, Allocation, Claim, Course, Page, Part, Pot, Transaction };

export { ApiError, NetworkError };

/** Signs in again and never settles: the page is about to be left. */
function loginAgain(): Promise<never> {
  citizenSession.forget();
  const returnTo = `${window.location.pathname}${window.location.search}`;
  // The login is loaded only now: the pages of a signed-in person do without it.
  void import('./auth.ts').then(({ startLogin }) => startLogin(returnTo));
  return new Promise<never>(() => undefined);
}

const request = createApiRequest({ apiBase: config.apiBase, sessions: citizenSession, onSessionOver: loginAgain });

/** Page size of the history: enough for a screen, small enough to read. */
export const historyPageSize = 20;

export const api = {
  account: () => request<Account>('GET', '/me/account'),
  transactions: (cursor?: string) => {
    const query = new URLSearchParams({ limit: String(historyPageSize), ...(cursor !== undefined && { cursor }) });
    return request<Page<Transaction>>('GET', `/me/transactions?${query}`);
  },
  claims: () => request<Page<Claim>>('GET', '/me/claims'),
  allocation: (claimId: string) => request<Allocation>('GET', `/me/claims/${encodeURIComponent(claimId)}/allocation`),
  approve: (claimId: string, idempotencyKey: string, parts?: readonly Part[]) =>
    request<Claim>('POST', `/me/claims/${encodeURIComponent(claimId)}/approve`, {
      idempotencyKey,
      ...(parts !== undefined && { body: { parts } }),
    }),
  reject: (claimId: string, idempotencyKey: string) =>
    request<Claim>('POST', `/me/claims/${encodeURIComponent(claimId)}/reject`, { idempotencyKey }),
  courses: (query: { q?: string; category?: string }) => {
    const search = new URLSearchParams();
    if (query.q !== undefined && query.q !== '') search.set('q', query.q);
    if (query.category !== undefined && query.category !== '') search.set('category', query.category);
    const text = search.toString();
    return request<Page<Course>>('GET', `/courses${text === '' ? '' : `?${text}`}`);
  },
};
