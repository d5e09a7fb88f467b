import { createHash, randomBytes } from 'node:crypto';

/**
 * The citizen's login as a browser does it, without a browser: authorization code + PKCE for the
 * public client `web`, through the local login page that asks for a BSN. Each step is exported on
 * its own so the OpenID Connect tests can look at every hop; `citizenLogin` runs the whole flow
 * for tests that only need the citizen's access token.
 */

/** The public client of the web app, as the local OpenID Connect provider registers it. */
export const webClientId = 'web';

/** The authorization code flow makes a few hops (login, consent, callback); more means a loop. */
const redirectHopsMax = 5;

/** A cookie jar just big enough for the login flow: name, value and path. */
export class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const pathAttribute = attributes.find((attribute) => attribute.toLowerCase().startsWith('path='));
      const path = pathAttribute?.slice('path='.length) ?? '/';
      const expired = attributes.some((attribute) => /^expires=.*1970/i.test(attribute)) || value === '';
      const key = `${name} ${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  headerFor(url: string): string {
    const { pathname } = new URL(url);
    return [...this.#cookies.values()]
      .filter(
        (cookie) =>
          pathname === cookie.path || pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }
}

/** One request as a browser makes it: with the jar's cookies, not following redirects. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.headerFor(url);
  if (cookie !== '') headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

/** The absolute URL a redirect points to; throws when the response is not a redirect. */
export function redirectTarget(response: Response, base: string): string {
  const value = response.headers.get('location');
  if (value === null) throw new Error(`expected a redirect from ${base}, got ${response.status}`);
  return new URL(value, base).href;
}

export interface LoginOptions {
  /** The issuer, e.g. `http://localhost:3000/oidc`. */
  readonly issuer: string;
  /** A redirect URI registered for the client, normally `<origin>/auth/callback` for `web`. */
  readonly redirectUri: string;
  /** The public client that logs in: `web` unless given (the business portal is `portal`). */
  readonly clientId?: string;
}

export interface StartedLogin {
  readonly codeVerifier: string;
  readonly state: string;
  /** The authorization endpoint's answer: a redirect to the login page. */
  readonly authorization: Response;
  readonly loginUrl: string;
  readonly loginPage: Response;
}

/** Starts an authorization code + PKCE login for `web` (or `clientId`) and lands on the login page. */
export async function startLogin(
  jar: CookieJar,
  { issuer, redirectUri, clientId = webClientId }: LoginOptions,
): Promise<StartedLogin> {
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('base64url');
  const authorizationUrl = new URL(`${issuer}/auth`);
  authorizationUrl.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const authorization = await browse(jar, authorizationUrl.href);
  const loginUrl = redirectTarget(authorization, authorizationUrl.href);
  const loginPage = await browse(jar, loginUrl);
  return { codeVerifier, state, authorization, loginUrl, loginPage };
}

/** Fills in the BSN on the login page and submits the form. */
export function submitBsn(jar: CookieJar, loginUrl: string, bsn: string): Promise<Response> {
  return browse(jar, loginUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ bsn }),
  });
}

/**
 * Follows the redirects after a successful login (through consent) until the browser would land
 * on the web app's callback, and returns that callback URL with its `code`, `state` and `iss`.
 */
export async function followToCallback(
  jar: CookieJar,
  response: Response,
  from: string,
  redirectUri: string,
): Promise<URL> {
  let current = response;
  let url = from;
  for (let hop = 0; hop < redirectHopsMax; hop += 1) {
    if (current.status !== 302 && current.status !== 303)
      throw new Error(`expected a redirect from ${url}, got ${current.status}`);
    url = redirectTarget(current, url);
    if (url.startsWith(redirectUri)) return new URL(url);
    current = await browse(jar, url);
  }
  throw new Error(`the login did not reach ${redirectUri} within ${redirectHopsMax} redirects`);
}

/** Exchanges an authorization code for tokens at the token endpoint, with the PKCE verifier. */
export function exchangeCode(
  { issuer, redirectUri, clientId = webClientId }: LoginOptions,
  code: string,
  codeVerifier: string,
): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: codeVerifier,
    }),
  });
}

export interface CitizenTokens {
  readonly access_token: string;
  readonly id_token: string;
}

/**
 * The whole citizen login in one call: start, submit the BSN, follow the redirects, check `state`
 * and exchange the code. Throws with the step that failed, so a broken login is easy to find.
 */
export async function citizenLogin(options: LoginOptions & { readonly bsn: string }): Promise<CitizenTokens> {
  const jar = new CookieJar();
  const login = await startLogin(jar, options);
  if (login.loginPage.status !== 200) throw new Error(`the login page answered ${login.loginPage.status}`);
  await login.loginPage.arrayBuffer();
  const submitted = await submitBsn(jar, login.loginUrl, options.bsn);
  const callback = await followToCallback(jar, submitted, login.loginUrl, options.redirectUri);
  if (callback.searchParams.get('state') !== login.state) throw new Error('the callback carries another state');
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error(`the callback carries no code: ${callback.search}`);
  const response = await exchangeCode(options, code, login.codeVerifier);
  if (response.status !== 200)
    throw new Error(`the token endpoint answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CitizenTokens;
}
