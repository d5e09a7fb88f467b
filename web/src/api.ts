/**
 * The citizen's part of the API (the `/me` routes and course search; see the README's API section
 * or the OpenAPI document at `GET /v1/openapi.json`), typed. Every call carries the access token;
 * a 401 means the session is over, so the app logs in again and comes back to the same page.
 */

import type { Account, Allocation, Claim, Course, Page, Part, Pot, Transaction } from '../../shared/api/views.ts';
import { config } from './config.ts';
import { currentSession, forgetSession } from './session.ts';

/**
 * The API's answers: the output types of the zod schemas the handlers answer with, so the app cannot
 * drift from what the API sends. Types only, so none of the server's code reaches the bundle.
 */
export type { Account, Allocation, Claim, Course, Page, Part, Pot, Transaction };

/** An answer other than 2xx, with the problem+json `code` when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`the API answered ${status}${code === undefined ? '' : ` ${code}`}`);
  }
}

/** The browser could not reach the API at all. */
export class NetworkError extends Error {}

function currentAppPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Logs in again and never settles: the page is about to be left. */
function loginAgain(): Promise<never> {
  forgetSession();
  const returnTo = currentAppPath();
  // The login is loaded only now: the pages of a logged-in person do without it.
  void import('./auth.ts').then(({ startLogin }) => startLogin(returnTo));
  return new Promise<never>(() => undefined);
}

async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  const session = currentSession();
  if (session === undefined) return loginAgain();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${session.accessToken}`,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${config.apiBase}${path}`, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new NetworkError('the API could not be reached');
  }
  if (response.status === 401) return loginAgain();
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as { code?: unknown } | undefined;
    throw new ApiError(response.status, typeof problem?.code === 'string' ? problem.code : undefined);
  }
  return (await response.json()) as T;
}

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
