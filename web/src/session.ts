/**
 * A signed-in session as one tab keeps it in sessionStorage: the access token, and the page to
 * return to after signing in. Only storage, so every page can ask whether someone is signed in
 * without loading the login itself (`oidc/login.ts`, with oauth4webapi). The citizen app and the
 * business portal each have a store of their own (`citizenSession`, and the portal's), under their
 * own keys, so signing in to one never signs in to the other.
 */

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

export interface SessionStore {
  /** The session as stored, expired or not (signing out still names its ID token). */
  stored(): Session | undefined;
  /** The current session, or undefined when there is none or it has expired. */
  current(): Session | undefined;
  store(session: Session): void;
  forget(): void;
  /** Where to go after signing in: the page the person was on. */
  rememberReturnTo(path: string): void;
  /** The page to go back to after signing in, once; only a path of this app, never another site. */
  takeReturnTo(): string;
}

/**
 * A session store under `prefix` (`leerrekening` for citizens). `home` is where to return when no
 * page was remembered, and the start every remembered path must have.
 */
export function createSessionStore(prefix: string, home = '/'): SessionStore {
  const sessionKey = `${prefix}.session`;
  const returnToKey = `${prefix}.returnTo`;
  const stored = () => readJson<Session>(sessionStorage, sessionKey);
  return {
    stored,
    current() {
      const session = stored();
      if (session === undefined || typeof session.accessToken !== 'string') return undefined;
      return Date.now() < session.expiresAtMs ? session : undefined;
    },
    store(session) {
      sessionStorage.setItem(sessionKey, JSON.stringify(session));
    },
    forget() {
      sessionStorage.removeItem(sessionKey);
    },
    rememberReturnTo(path) {
      sessionStorage.setItem(returnToKey, path);
    },
    takeReturnTo() {
      const returnTo = sessionStorage.getItem(returnToKey) ?? home;
      sessionStorage.removeItem(returnToKey);
      return returnTo.startsWith(home) && !returnTo.startsWith('//') ? returnTo : home;
    },
  };
}

/** The citizen's session. */
export const citizenSession = createSessionStore('leerrekening');
