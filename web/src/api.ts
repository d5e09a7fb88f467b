/**
 * The citizen's part of the API (API.md, "Citizen"), typed. Every call carries the access token;
 * a 401 means the session is over, so the app logs in again and comes back to the same page.
 */
import { currentSession, forgetSession, startLogin } from './auth.ts';
import { config } from './config.ts';
import type { ClaimStatus, FunderType, TransactionType } from './i18n.ts';

export interface Pot {
  readonly schemeId: string;
  readonly label: string;
  readonly funder: { readonly type: FunderType; readonly name: string };
  readonly available: number;
  readonly reserved: number;
  readonly expiresAt?: string;
  readonly expiringSoon?: boolean;
}

export interface Account {
  readonly totals: { readonly available: number; readonly reserved: number };
  readonly pots: readonly Pot[];
}

export interface Transaction {
  readonly id: string;
  readonly at: string;
  readonly type: TransactionType;
  readonly amount: number;
  readonly schemeId: string;
  readonly description: string;
  readonly claimId?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface Part {
  readonly schemeId: string;
  readonly amount: number;
}

export interface Claim {
  readonly claimId: string;
  readonly status: ClaimStatus;
  readonly provider: { readonly providerId: string; readonly name: string };
  readonly course: { readonly courseId: string; readonly title: string; readonly category: string };
  readonly amount: number;
  readonly startDate: string;
  readonly createdAt: string;
  readonly reference?: string;
  readonly parts?: readonly Part[];
  readonly ownContribution?: number;
}

export interface Allocation {
  readonly parts: readonly Part[];
  readonly ownContribution: number;
}

export interface Course {
  readonly courseId: string;
  readonly title: string;
  readonly category: string;
  readonly price: number;
  readonly provider: { readonly providerId: string; readonly name: string };
  readonly startDates?: readonly string[];
  readonly payableBy?: ReadonlyArray<{ readonly schemeId: string; readonly label: string; readonly amount: number }>;
  /** For citizens: what their pots cannot cover. */
  readonly ownContribution?: number;
}

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
  void startLogin(currentAppPath());
  return new Promise<never>(() => undefined);
}

async function request<T>(method: 'GET' | 'POST', path: string, options: { body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const session = currentSession();
  if (session === undefined) return loginAgain();
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${session.accessToken}` };
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
  transactions: (cursor?: string) =>
    request<Page<Transaction>>('GET', `/me/transactions?${new URLSearchParams({ limit: String(historyPageSize), ...(cursor !== undefined && { cursor }) })}`),
  claims: () => request<Page<Claim>>('GET', '/me/claims'),
  allocation: (claimId: string) => request<Allocation>('GET', `/me/claims/${encodeURIComponent(claimId)}/allocation`),
  approve: (claimId: string, idempotencyKey: string, parts?: readonly Part[]) =>
    request<Claim>('POST', `/me/claims/${encodeURIComponent(claimId)}/approve`, { idempotencyKey, ...(parts !== undefined && { body: { parts } }) }),
  reject: (claimId: string, idempotencyKey: string) => request<Claim>('POST', `/me/claims/${encodeURIComponent(claimId)}/reject`, { idempotencyKey }),
  courses: (query: { q?: string; category?: string }) => {
    const search = new URLSearchParams();
    if (query.q !== undefined && query.q !== '') search.set('q', query.q);
    if (query.category !== undefined && query.category !== '') search.set('category', query.category);
    const text = search.toString();
    return request<Page<Course>>('GET', `/courses${text === '' ? '' : `?${text}`}`);
  },
};
