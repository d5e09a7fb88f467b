/**
 * The configuration of the local OpenID Connect provider: its clients (the business clients with
 * the client-credentials grant, the public client `web` for citizens and the public client `portal`
 * for people who work for an organisation), token lifetimes and formats, the features it enables,
 * and the hooks that put the BSN in a citizen's access token, which is encrypted to the API, and
 * the organisation in a portal user's access token, which is only signed.
 */
import { createPublicKey, type JsonWebKey, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { keyManagementAlgorithm } from '../../shared/auth/token-verifier.ts';
import { loadExistingGrant } from './oidc-grants.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './oidc-pages.ts';
import type { OidcProviderModule } from './oidc-provider-module.ts';

/** The public client the web app uses for citizens. */
const webClientId = 'web';

/** The public client of the business portal (`/zakelijk/`); the API is told this id too. */
export const portalClientId = 'portal';

/** Lifetimes, in seconds (unit last). Short access tokens keep a leaked local token harmless. */
export const accessTokenTtlSeconds = 15 * 60;
const authorizationCodeTtlSeconds = 60;
const idTokenTtlSeconds = 15 * 60;
const interactionTtlSeconds = 10 * 60;
const sessionTtlSeconds = 60 * 60;
const grantTtlSeconds = 60 * 60;

export interface ProviderConfigurationOptions {
  /** The local server's origin, where the web app returns after logout. */
  readonly origin: string;
  /** Where the provider is mounted; interactions live under it. */
  readonly mountPath: string;
  /** The API's audience, also the one resource indicator. */
  readonly audience: string;
  /** Business clients that use the client-credentials grant. */
  readonly businessClients: ReadonlyArray<{ readonly clientId: string; readonly clientSecret: string }>;
  /** Redirect URIs of the public client `web`. */
  readonly webRedirectUris: readonly string[];
  /** Redirect URIs of the public client `portal`; no portal client when omitted. */
  readonly portalRedirectUris?: readonly string[];
  /** Private signing keys (RS256). */
  readonly jwks: { readonly keys: readonly JWK[] };
  /** The API's public key, which citizens' access tokens are encrypted to (see LocalOidcOptions). */
  readonly citizenTokenEncryptionKey: JWK;
  /** The provider's error classes. */
  readonly errors: OidcProviderModule['errors'];
  /** The BSN of every account that has logged in, filled by the interaction endpoint. */
  readonly bsnByAccountId: ReadonlyMap<string, string>;
  /** The organisation (its business client id) of every portal user that has logged in, filled likewise. */
  readonly orgClientIdByAccountId: ReadonlyMap<string, string>;
  /** oidc-provider's interaction policy module, to add the check below to its login prompt. */
  readonly interactionPolicy: OidcProviderModule['interactionPolicy'];
}

/**
 * The configuration to construct oidc-provider's `Provider` with. It makes new cookie keys on
 * every call, so sessions never outlive the provider they were made by.
 */
export function providerConfiguration(options: ProviderConfigurationOptions): Record<string, unknown> {
  const { origin, mountPath, audience, jwks, errors, bsnByAccountId, orgClientIdByAccountId } = options;
  const webOrigins = new Set(options.webRedirectUris.map((uri) => new URL(uri).origin));
  const portalRedirectUris = options.portalRedirectUris ?? [];
  const portalOrigins = new Set(portalRedirectUris.map((uri) => new URL(uri).origin));
  /** Whether an account logged in through the client's own login: a citizen for `web`, a portal user for `portal`. */
  const accountFits = (clientId: string, accountId: string): boolean =>
    clientId === portalClientId ? orgClientIdByAccountId.has(accountId) : bsnByAccountId.has(accountId);

  // One browser session serves both public clients. A citizen's session must not log the same
  // browser in to the portal (the portal token would name no organisation), nor the reverse: the
  // login prompt comes up again when the session's account is not of the client's kind.
  const policy = options.interactionPolicy.base();
  policy.get('login')?.checks.add(
    new options.interactionPolicy.Check(
      'account_of_other_client',
      'The session belongs to a login of the other public client',
      (ctx) => {
        const { accountId } = ctx.oidc.session;
        return accountId !== undefined && !accountFits(ctx.oidc.client.clientId, accountId);
      },
    ),
  );
  const encryptionJwk = options.citizenTokenEncryptionKey;
  if (encryptionJwk.d !== undefined) throw new Error('providerConfiguration: give the public half of the API key only');
  const citizenTokenEncryption = {
    alg: keyManagementAlgorithm(encryptionJwk),
    enc: 'A256GCM',
    key: createPublicKey({ key: encryptionJwk as JsonWebKey, format: 'jwk' }),
    ...(encryptionJwk.kid !== undefined && { kid: encryptionJwk.kid }),
  };

  return {
    clients: [
      ...options.businessClients.map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        // oidc-provider accepts client_secret_post too for a client registered with _basic.
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      {
        client_id: webClientId,
        client_name: 'Leerrekening',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [...options.webRedirectUris],
        post_logout_redirect_uris: [`${origin}/`],
        token_endpoint_auth_method: 'none',
      },
      ...(portalRedirectUris.length === 0
        ? []
        : [
            {
              client_id: portalClientId,
              client_name: 'Leerrekening Zakelijk',
              application_type: 'web',
              grant_types: ['authorization_code'],
              response_types: ['code'],
              redirect_uris: [...portalRedirectUris],
              post_logout_redirect_uris: [`${origin}/zakelijk/`],
              token_endpoint_auth_method: 'none',
            },
          ]),
    ],
    jwks: { keys: jwks.keys.map((key) => ({ ...key })) },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    // Only `openid`: no refresh tokens (`offline_access`) for a local session of an hour.
    scopes: ['openid'],
    claims: { openid: ['sub'] },
    features: {
      // Our own login page replaces the development one.
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // No DPoP (oidc-provider enables it by default): the API takes bearer tokens only, and the
      // authorizer refuses a key-bound token (cnf) sent as one. Enforcing DPoP at the API would
      // need a replay cache of proof ids shared by every authorizer instance; the short token
      // lifetime and TLS are the protection instead. See the README, "Tokens".
      dPoP: { enabled: false },
      // The web app only needs `sub` from the ID token; an access token for the API cannot be
      // used at userinfo anyway, so the endpoint would only add surface.
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        // A request without `resource` still gets a JWT for the API, so clients need not know
        // about resource indicators. At the token endpoint the authorization code carries the
        // resource as a list, which must be narrowed to the one value.
        async defaultResource(_ctx: unknown, _client: unknown, oneOf?: string[]) {
          if (oneOf === undefined) return audience;
          if (oneOf.length === 1) return oneOf[0];
          return oneOf.includes(audience) ? audience : oneOf;
        },
        // Without this the token endpoint would issue an opaque token for `openid` requests.
        async useGrantedResource() {
          return true;
        },
        // A citizen's token (client `web`) carries the BSN, so it is signed and then encrypted to
        // the API; a business client's token and a portal user's carry nothing secret and are only signed.
        async getResourceServerInfo(_ctx: unknown, resourceIndicator: string, client: { clientId: string }) {
          if (resourceIndicator !== audience) throw new errors.InvalidTarget();
          return {
            scope: '',
            audience,
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: {
              sign: { alg: 'RS256' },
              ...(client.clientId === webClientId && { encrypt: citizenTokenEncryption }),
            },
          };
        },
      },
    },
    // PKCE (S256, the only method oidc-provider 9 supports) for every code flow, not only public clients.
    pkce: { required: () => true },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      ClientCredentials: accessTokenTtlSeconds,
      AuthorizationCode: authorizationCodeTtlSeconds,
      IdToken: idTokenTtlSeconds,
      Interaction: interactionTtlSeconds,
      Session: sessionTtlSeconds,
      Grant: grantTtlSeconds,
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}`,
    },
    async findAccount(_ctx: unknown, accountId: string) {
      if (!bsnByAccountId.has(accountId) && !orgClientIdByAccountId.has(accountId)) return undefined;
      return { accountId, claims: async () => ({ sub: accountId }) };
    },
    // The README ("API", "Conventions"): the citizen's access token carries the BSN in claim `bsn`,
    // and is encrypted to the API (getResourceServerInfo above). The ID token does not carry it.
    // A portal user's access token names the organisation they act for in `org_client_id`, which
    // the API checks in its client registry; the ID token carries `sub` only.
    async extraTokenClaims(_ctx: unknown, token: { kind: string; accountId?: string; clientId?: string }) {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      if (token.clientId === portalClientId) {
        const orgClientId = orgClientIdByAccountId.get(token.accountId);
        return orgClientId === undefined ? undefined : { org_client_id: orgClientId };
      }
      const bsn = bsnByAccountId.get(token.accountId);
      return bsn === undefined ? undefined : { bsn };
    },
    // The citizen never sees a consent screen: `web` is the project's own app, so a login
    // grants what it asks for. Creating the grant here skips the consent prompt entirely.
    loadExistingGrant,
    // Browsers may call the token endpoint only from the web app's and the portal's own origin.
    clientBasedCORS(_ctx: unknown, requestOrigin: string, client: { clientId: string }) {
      if (client.clientId === portalClientId) return portalOrigins.has(requestOrigin);
      return client.clientId === webClientId && webOrigins.has(requestOrigin);
    },
    renderError,
  };
}
