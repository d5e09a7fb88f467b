/**
 * Calls to the API from a browser app: JSON in and out, the access token on every call, the
 * `Idempotency-Key` where money moves, and failures as {@link ApiError} or {@link NetworkError}.
 * The citizen app and the business portal each build one with their own session and their own
 * answer to a 401 (the session is over).
 */
import { ApiError, NetworkError } from './api-errors.ts';
import type { SessionStore } from './session.ts';

export { ApiError, NetworkError };

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as it is, with its own content type (a CSV file), instead of JSON. */
  readonly rawBody?: { readonly content: Blob | string; readonly contentType: string };
  readonly idempotencyKey?: string;
}

export type ApiRequest = <T>(method: 'GET' | 'POST', path: string, options?: RequestOptions) => Promise<T>;

export interface ApiRequestSettings {
  readonly apiBase: string;
  readonly sessions: SessionStore;
  /** What to do when there is no session or the API answers 401; never settles (the page is left). */
  readonly onSessionOver: () => Promise<never>;
}

export function createApiRequest({ apiBase, sessions, onSessionOver }: ApiRequestSettings): ApiRequest {
  return async function request<T>(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<T> {
    const session = sessions.current();
    if (session === undefined) return onSessionOver();
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${session.accessToken}`,
    };
    let body: Blob | string | undefined;
    if (options.rawBody !== undefined) {
      headers['Content-Type'] = options.rawBody.contentType;
      body = options.rawBody.content;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${apiBase}${path}`, { method, headers, ...(body !== undefined && { body }) });
    } catch {
      throw new NetworkError('the API could not be reached');
    }
    if (response.status === 401) return onSessionOver();
    if (!response.ok) {
      const problem = (await response.json().catch(() => undefined)) as
        | { code?: unknown; detail?: unknown }
        | undefined;
      throw new ApiError(
        response.status,
        typeof problem?.code === 'string' ? problem.code : undefined,
        typeof problem?.detail === 'string' ? problem.detail : undefined,
      );
    }
    return (await response.json()) as T;
  };
}
