/**
 * The citizen's login: OpenID Connect authorization code flow with PKCE (S256) for the public
 * client `web`, done by oauth4webapi. Tokens live in sessionStorage (`session.ts`): they last as
 * long as the tab, never reach other sites, and an expired token is simply replaced by logging in
 * again. The pages of a logged-in person load this module only when they log in again or out, so
 * oauth4webapi is not part of their JavaScript.
 */
import * as oauth from 'oauth4webapi';
import { config } from './config.ts';
import {
  forgetSession,
  readJson,
  rememberReturnTo,
  type Session,
  storedSession,
  storeSession,
  takeReturnTo,
} from './session.ts';

const pendingKey = 'leerrekening.login';

interface PendingLogin {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
}

/** Seconds before the real expiry at which a token counts as expired, so no call races it. */
const expirySlackSeconds = 30;

const issuer = new URL(config.issuer);
const client: oauth.Client = { client_id: config.clientId };
const clientAuth = oauth.None();
/** Only the local system runs on plain http; a deployed issuer must be https. */
const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};

let authorizationServer: Promise<oauth.AuthorizationServer> | undefined;
function discover(): Promise<oauth.AuthorizationServer> {
  authorizationServer ??= oauth
    .discoveryRequest(issuer, { algorithm: 'oidc', ...insecure })
    .then((response) => oauth.processDiscoveryResponse(issuer, response));
  authorizationServer.catch(() => (authorizationServer = undefined));
  return authorizationServer;
}

/** Sends the browser to the login page. `returnTo` is the app path to come back to afterwards. */
export async function startLogin(returnTo: string): Promise<void> {
  rememberReturnTo(returnTo);
  const as = await discover();
  if (as.authorization_endpoint === undefined) throw new Error('the login service has no authorization endpoint');
  const pending: PendingLogin = {
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
  };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: 'openid',
    resource: config.resource,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.href);
}

/**
 * Finishes the login on `/auth/callback`: checks `state` (and `iss`), exchanges the code with the
 * PKCE verifier, checks the ID token and keeps the access token.
 *
 * @returns The app path to go back to.
 */
export async function completeLogin(callbackUrl: URL): Promise<string> {
  const pending = readJson<PendingLogin>(sessionStorage, pendingKey);
  sessionStorage.removeItem(pendingKey);
  if (pending === undefined) throw new Error('no login was started in this tab');
  const as = await discover();
  const parameters = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    parameters,
    config.redirectUri,
    pending.codeVerifier,
    {
      additionalParameters: { resource: config.resource },
      ...insecure,
    },
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const lifetimeSeconds = Math.max((result.expires_in ?? 300) - expirySlackSeconds, 10);
  const session: Session = {
    accessToken: result.access_token,
    ...(result.id_token !== undefined && { idToken: result.id_token }),
    expiresAtMs: Date.now() + lifetimeSeconds * 1000,
  };
  storeSession(session);
  return takeReturnTo();
}

/** Forgets the tokens here and ends the session at the login service, which returns to `/`. */
export async function logout(): Promise<void> {
  const session = storedSession();
  forgetSession();
  const as = await discover().catch(() => undefined);
  if (as?.end_session_endpoint === undefined) {
    window.location.assign('/');
    return;
  }
  const url = new URL(as.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    post_logout_redirect_uri: config.postLogoutRedirectUri,
    ...(session?.idToken !== undefined && { id_token_hint: session.idToken }),
  }).toString();
  window.location.assign(url.href);
}
