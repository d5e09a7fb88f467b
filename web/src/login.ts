/**
 * Signing in with OpenID Connect: the authorization code flow with PKCE (S256) for a public client,
 * done by oauth4webapi. The citizen app (client `web`) and the business portal (client `portal`)
 * each build one with their own client and session store. Tokens live in sessionStorage
 * (`session.ts`): they last as long as the tab, never reach other sites, and an expired token is
 * simply replaced by signing in again. Pages load this module only when someone signs in or out,
 * so oauth4webapi is not part of their JavaScript.
 */
import * as oauth from 'oauth4webapi';
import { readJson, type Session, type SessionStore } from './session.ts';

/** Seconds before the real expiry at which a token counts as expired, so no call races it. */
const expirySlackSeconds = 30;

export interface LoginClient {
  /** The OpenID Connect issuer. */
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  /** The API, as a resource indicator (RFC 8707): the access token's audience. */
  readonly resource: string;
  /** Where a login in progress is kept in sessionStorage. */
  readonly pendingKey: string;
}

interface PendingLogin {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
}

export interface Login {
  /** Sends the browser to the login page. `returnTo` is the app path to come back to afterwards. */
  startLogin(returnTo: string): Promise<void>;
  /**
   * Finishes the login on the callback page: checks `state` (and `iss`), exchanges the code with
   * the PKCE verifier, checks the ID token and keeps the access token.
   *
   * @returns The app path to go back to.
   */
  completeLogin(callbackUrl: URL): Promise<string>;
  /** Forgets the tokens here and ends the session at the login service, which returns to the app. */
  logout(): Promise<void>;
}

export function createLogin(settings: LoginClient, sessions: SessionStore): Login {
  const issuer = new URL(settings.issuer);
  const client: oauth.Client = { client_id: settings.clientId };
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

  return {
    async startLogin(returnTo) {
      sessions.rememberReturnTo(returnTo);
      const as = await discover();
      if (as.authorization_endpoint === undefined) throw new Error('the login service has no authorization endpoint');
      const pending: PendingLogin = {
        codeVerifier: oauth.generateRandomCodeVerifier(),
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
      };
      sessionStorage.setItem(settings.pendingKey, JSON.stringify(pending));
      const url = new URL(as.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: settings.clientId,
        redirect_uri: settings.redirectUri,
        response_type: 'code',
        scope: 'openid',
        resource: settings.resource,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      }).toString();
      window.location.assign(url.href);
    },

    async completeLogin(callbackUrl) {
      const pending = readJson<PendingLogin>(sessionStorage, settings.pendingKey);
      sessionStorage.removeItem(settings.pendingKey);
      if (pending === undefined) throw new Error('no login was started in this tab');
      const as = await discover();
      const parameters = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        parameters,
        settings.redirectUri,
        pending.codeVerifier,
        { additionalParameters: { resource: settings.resource }, ...insecure },
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
      sessions.store(session);
      return sessions.takeReturnTo();
    },

    async logout() {
      const session = sessions.stored();
      sessions.forget();
      const as = await discover().catch(() => undefined);
      if (as?.end_session_endpoint === undefined) {
        window.location.assign(settings.postLogoutRedirectUri);
        return;
      }
      const url = new URL(as.end_session_endpoint);
      url.search = new URLSearchParams({
        client_id: settings.clientId,
        post_logout_redirect_uri: settings.postLogoutRedirectUri,
        ...(session?.idToken !== undefined && { id_token_hint: session.idToken }),
      }).toString();
      window.location.assign(url.href);
    },
  };
}
