/**
 * The citizen's session as this tab keeps it in sessionStorage: the access token, and the page to
 * return to after logging in. Only storage, so every page can ask whether someone is logged in
 * without loading the login itself (`auth.ts`, with oauth4webapi).
 */

const sessionKey = 'leerrekening.session';
const returnToKey = 'leerrekening.returnTo';

export interface Session {
  readonly accessToken: string;
  readonly idToken?: string;
  /** Milliseconds since the epoch; a little before the token really expires. */
  readonly expiresAtMs: number;
}

/** A JSON value from storage, or undefined when it is missing or not JSON. */
export function readJson<T>(storage: Storage, key: string): T | undefined {
  try {
    const value = storage.getItem(key);
    return value === null ? undefined : (JSON.parse(value) as T);
  } catch {
    return undefined;
  }
}

/** The session as stored, expired or not (logging out still names its ID token). */
export function storedSession(): Session | undefined {
  return readJson<Session>(sessionStorage, sessionKey);
}

/** The current session, or undefined when there is none or it has expired. */
export function currentSession(): Session | undefined {
  const session = storedSession();
  if (session === undefined || typeof session.accessToken !== 'string') return undefined;
  return Date.now() < session.expiresAtMs ? session : undefined;
}

export function storeSession(session: Session): void {
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
}

export function forgetSession(): void {
  sessionStorage.removeItem(sessionKey);
}

/** Where to go after logging in: the page the person was on. */
export function rememberReturnTo(path: string): void {
  sessionStorage.setItem(returnToKey, path);
}

/** The page to go back to after logging in, once; only a path of this app, never another site. */
export function takeReturnTo(): string {
  const returnTo = sessionStorage.getItem(returnToKey) ?? '/';
  sessionStorage.removeItem(returnToKey);
  return returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
}
