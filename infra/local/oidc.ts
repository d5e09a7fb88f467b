/**
 * The local OpenID Connect provider: one `oidc-provider` instance that plays both issuers of
 * the README ("API", "Conventions") on a developer's machine. Business clients get JWT access tokens
 * with the client-credentials grant; citizens log in with authorization code + PKCE through the
 * public client `web`, on a login page that asks for a BSN and stands in for DigiD.
 *
 * Everything it knows lives in memory and is gone after a restart: this module exists only for
 * local mode. The demo clients and BSNs come in through the options; the seed module owns them.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { isValidBsn, personIdFromBsn } from '../../shared/identity/bsn.ts';

/** Where the provider is mounted on the local origin; the issuer is `${origin}${mountPath}`. */
const mountPath = '/oidc';

/** The public client the web app uses for citizens. */
const webClientId = 'web';

/** Lifetimes, in seconds (unit last). Short access tokens keep a leaked local token harmless. */
const accessTokenTtlSeconds = 15 * 60;
const authorizationCodeTtlSeconds = 60;
const idTokenTtlSeconds = 15 * 60;
const interactionTtlSeconds = 10 * 60;
const sessionTtlSeconds = 60 * 60;
const grantTtlSeconds = 60 * 60;

/** The login form is one short field: anything larger is not a real submission. */
const formBodyBytesMax = 4 * 1024;

/** oidc-provider's start-up notices that are expected in local mode and say nothing new. */
const expectedNotices: readonly RegExp[] = [
  // oidc-provider 9 asks for Node 22; the project targets Node 20 and the provider works there.
  /Unsupported runtime/,
  // Local mode keeps sessions, grants and tokens in memory on purpose.
  /in-memory adapter/,
];

export interface LocalOidcOptions {
  /** The origin the local server answers on, for example `http://localhost:3000`. */
  readonly origin: string;
  /**
   * The API's audience: the `aud` of every access token, also used as the resource indicator.
   * It must be an absolute URI (a URN such as `urn:leerrekening:api` will do), as RFC 8707 asks.
   */
  readonly audience: string;
  /** Business clients that use the client-credentials grant. */
  readonly businessClients: ReadonlyArray<{ readonly clientId: string; readonly clientSecret: string }>;
  /** Redirect URIs of the public client `web`, normally `<origin>/auth/callback`. */
  readonly webRedirectUris: readonly string[];
  /** Private signing keys (RS256) to use instead of a key generated at start-up. */
  readonly jwks?: { readonly keys: readonly JWK[] };
  /**
   * Key for the citizen's account id (`sub`). Random when omitted, so `sub` changes on every
   * restart; the API does not use `sub` (it turns the `bsn` claim into the person id).
   */
  readonly subjectSecret?: string;
  /** Receives oidc-provider's development notices; by default the expected ones are dropped. */
  readonly onNotice?: (message: string) => void;
}

export interface LocalOidc {
  /** The issuer identifier, `${origin}/oidc`. */
  readonly issuer: string;
  /** Serves a request whose path starts with `/oidc`; it strips the prefix itself. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Builds the local OpenID Connect provider. Mount it by calling `handle` for every request whose
 * path starts with `/oidc`; the discovery document is then at `/oidc/.well-known/openid-configuration`.
 */
export async function createLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  const origin = new URL(options.origin).origin;
  const issuer = `${origin}${mountPath}`;
  if (!URL.canParse(options.audience)) {
    throw new Error('createLocalOidc: the audience must be an absolute URI, because it is also the resource indicator');
  }
  const audience = options.audience;
  const jwks = options.jwks ?? (await generateSigningKeys());
  const subjectSecret = options.subjectSecret ?? randomBytes(32).toString('base64url');

  // The account id is a pseudonym, never the BSN itself. The provider needs the BSN back only to
  // put it in the access token, so the mapping is kept here, in memory, next to its sessions.
  const bsnByAccountId = new Map<string, string>();

  const onNotice = options.onNotice ?? defaultNoticeHandler;
  const { Provider, errors } = await withRoutedNotices(onNotice, importOidcProvider);
  const webOrigins = new Set(options.webRedirectUris.map((uri) => new URL(uri).origin));

  const configuration: Record<string, unknown> = {
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
        async getResourceServerInfo(_ctx: unknown, resourceIndicator: string) {
          if (resourceIndicator !== audience) throw new errors.InvalidTarget();
          return {
            scope: '',
            audience,
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
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
      url: (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}`,
    },
    async findAccount(_ctx: unknown, accountId: string) {
      if (!bsnByAccountId.has(accountId)) return undefined;
      return { accountId, claims: async () => ({ sub: accountId }) };
    },
    // The README ("API", "Conventions"): the citizen's access token carries the BSN in claim `bsn`.
    // The ID token does not.
    async extraTokenClaims(_ctx: unknown, token: { kind: string; accountId?: string }) {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      const bsn = bsnByAccountId.get(token.accountId);
      return bsn === undefined ? undefined : { bsn };
    },
    // The citizen never sees a consent screen: `web` is the project's own app, so a login
    // grants what it asks for. Creating the grant here skips the consent prompt entirely.
    loadExistingGrant,
    // Browsers may call the token endpoint only from the web app's own origin.
    clientBasedCORS(_ctx: unknown, requestOrigin: string, client: { clientId: string }) {
      return client.clientId === webClientId && webOrigins.has(requestOrigin);
    },
    renderError,
  };

  const provider = await withRoutedNotices(onNotice, async () => new Provider(issuer, configuration));
  // The local server is plain http on localhost with no proxy in front: do not trust
  // X-Forwarded-* headers, or any caller could change the URLs the provider hands out.
  provider.proxy = false;
  const callback = provider.callback();

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        sendHtml(res, 400, expiredPage());
        return;
      }
      throw error;
    }
    // The cookie names the interaction the browser is in; an old tab posts to another one.
    if (details.uid !== uid) {
      sendHtml(res, 400, expiredPage());
      return;
    }
    const formAction = `${mountPath}/interaction/${uid}`;

    if (details.prompt.name === 'consent') {
      // Consent is implied for `web` (see loadExistingGrant); grant what is missing should the
      // prompt still come up, as oidc-provider's own example does after the user agrees.
      const grant = await grantFor(
        provider.Grant,
        details.params.client_id,
        details.session?.accountId,
        details.grantId,
      );
      const missing = details.prompt.details;
      if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: grant.jti } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (details.prompt.name !== 'login') {
      sendHtml(res, 400, expiredPage());
      return;
    }
    if (req.method === 'GET') {
      sendHtml(res, 200, loginPage({ formAction }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    // No CSRF token is needed: the interaction cookie is SameSite=Lax, so a cross-site POST
    // arrives without it and interactionDetails above already refused it.
    const form = await readForm(req);
    if (form === undefined) {
      sendHtml(res, 400, loginPage({ formAction, error: 'Dit formulier kunnen we niet lezen. Probeer het opnieuw.' }));
      return;
    }
    // People write a BSN with spaces or dots; only the nine digits count.
    const entered = form.get('bsn') ?? '';
    const bsn = entered.replace(/[\s.]/g, '');
    if (!isValidBsn(bsn)) {
      const error =
        'Dit burgerservicenummer klopt niet. Een BSN heeft 9 cijfers. Kijk het nummer na en probeer het opnieuw.';
      sendHtml(res, 400, loginPage({ formAction, error, value: entered }));
      return;
    }
    const accountId = personIdFromBsn(bsn, subjectSecret);
    bsnByAccountId.set(accountId, bsn);
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`)) {
      res.writeHead(404).end();
      return;
    }
    // oidc-provider finds its mount path by comparing req.originalUrl with req.url (as under
    // express), and names its endpoints with it in the discovery document and redirects.
    const request = req as IncomingMessage & { originalUrl?: string };
    request.originalUrl ??= url;
    req.url = url.slice(mountPath.length) || '/';

    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(new URL(req.url, origin).pathname);
    if (interaction?.[1] !== undefined) {
      await handleInteraction(req, res, interaction[1]);
      return;
    }
    await callback(req, res);
  }

  return {
    issuer,
    handle(req, res) {
      serve(req, res).catch((error: unknown) => {
        console.error('local OpenID Connect provider: request failed', error);
        if (!res.headersSent) sendHtml(res, 500, errorPage('Er ging iets mis', 'Probeer het later opnieuw.'));
        else res.end();
      });
    },
  };
}

/** What this module uses of oidc-provider, which ships without type declarations. */
interface OidcProviderModule {
  Provider: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  errors: {
    InvalidTarget: new () => Error;
    SessionNotFound: new (...args: unknown[]) => Error;
  };
}

interface OidcProvider {
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: GrantConstructor;
}

interface InteractionDetails {
  uid: string;
  prompt: {
    name: string;
    details: { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  };
  params: { client_id: string; scope?: string };
  session?: { accountId?: string };
  grantId?: string;
}

interface Grant {
  jti: string;
  accountId: string;
  clientId: string;
  addOIDCScope(scope: string): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

interface GrantConstructor {
  new (properties: { accountId: string; clientId: string }): Grant;
  find(id: string): Promise<Grant | undefined>;
}

interface GrantContext {
  oidc: {
    provider: { Grant: GrantConstructor };
    client: { clientId: string };
    account?: { accountId: string };
    session: { grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamOIDCScopes: Set<string>;
    requestParamScopes: Set<string>;
    resourceServers: Record<string, { scopes: Set<string> }>;
  };
}

/**
 * Finds the session's grant for the client, or starts one, and adds what this request asks for,
 * so the consent prompt finds nothing missing.
 */
async function loadExistingGrant(ctx: GrantContext): Promise<Grant | undefined> {
  const { oidc } = ctx;
  if (oidc.account === undefined) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
  const grant = await grantFor(oidc.provider.Grant, oidc.client.clientId, oidc.account.accountId, grantId);
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
    const scopes = [...oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope));
    if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
  }
  await grant.save();
  return grant;
}

/** The existing grant when it belongs to this account and client, else a new one (unsaved). */
async function grantFor(
  GrantModel: GrantConstructor,
  clientId: string,
  accountId: string | undefined,
  grantId: string | undefined,
): Promise<Grant> {
  if (accountId === undefined) throw new Error('local OpenID Connect provider: no account to grant to');
  const existing = grantId === undefined ? undefined : await GrantModel.find(grantId);
  // A grant of another account or client is never reused, even if a session points at it.
  if (existing !== undefined && existing.accountId === accountId && existing.clientId === clientId) return existing;
  return new GrantModel({ accountId, clientId });
}

async function importOidcProvider(): Promise<OidcProviderModule> {
  // @ts-expect-error -- oidc-provider 9 ships no type declarations; OidcProviderModule says what we use.
  return import('oidc-provider');
}

async function generateSigningKeys(): Promise<{ keys: JWK[] }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}

/**
 * oidc-provider writes its development notices straight to the console, prefixed with
 * "oidc-provider". While `action` runs (the import and the construction, where the start-up
 * notices come from), those lines go to `onNotice` instead; other console output is untouched.
 */
async function withRoutedNotices<T>(onNotice: (message: string) => void, action: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const route =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const [first] = args;
      if (typeof first === 'string' && first.includes('oidc-provider ')) {
        // The provider colours its notices when the console is a terminal; drop the colour codes.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what starts a colour code.
        onNotice(first.replace(/\x1b\[[0-9;]*m/g, ''));
        return;
      }
      original.apply(console, args);
    };
  console.warn = route(warn);
  console.info = route(info);
  try {
    return await action();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

function defaultNoticeHandler(message: string): void {
  if (expectedNotices.some((pattern) => pattern.test(message))) return;
  console.warn(message);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > formBodyBytesMax) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // The pages have no scripts and no outside resources; nobody may frame the login form.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const pageStyle = `
  body {
    font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; margin: 0;
    color: #1a1a1a; background: #f5f5f5;
  }
  main { max-width: 32rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 0.5rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  .hint { color: #4a4a4a; margin: 0.25rem 0; }
  input {
    font-size: 1.25rem; padding: 0.5rem; width: 100%; box-sizing: border-box;
    border: 2px solid #4a4a4a; border-radius: 0.25rem;
  }
  input[aria-invalid="true"] { border-color: #b00020; }
  input:focus, button:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .error { color: #b00020; font-weight: 600; }
  .note { background: #fff4ce; padding: 0.75rem 1rem; border-left: 4px solid #8a6d00; }
  button {
    margin-top: 1.5rem; font-size: 1.125rem; padding: 0.75rem 1.5rem;
    color: #fff; background: #154273; border: 0; border-radius: 0.25rem; cursor: pointer;
  }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Leerrekening</title>
<style>${pageStyle}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The BSN login form, in Dutch at language level B1. */
function loginPage({ formAction, error, value }: { formAction: string; error?: string; value?: string }): string {
  const errorBlock = error === undefined ? '' : `<p id="bsn-fout" class="error" role="alert">${escapeHtml(error)}</p>`;
  const describedBy = error === undefined ? 'bsn-uitleg' : 'bsn-uitleg bsn-fout';
  const invalid = error === undefined ? '' : ' aria-invalid="true" autofocus';
  return page(
    error === undefined ? 'Inloggen' : 'Fout: Inloggen',
    `<h1>Inloggen</h1>
<p class="note">Dit is een testomgeving. U logt hier in zonder DigiD. Vul een test-BSN in.</p>
<form method="post" action="${escapeHtml(formAction)}" novalidate>
<label for="bsn">Uw burgerservicenummer (BSN)</label>
<p id="bsn-uitleg" class="hint">Een BSN heeft 9 cijfers.</p>
${errorBlock}
<input id="bsn" name="bsn" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="20"
  aria-describedby="${describedBy}"${invalid} value="${escapeHtml(value ?? '')}">
<button type="submit">Inloggen</button>
</form>`,
  );
}

function expiredPage(): string {
  return errorPage('Uw inlogpoging is verlopen', 'Ga terug naar Leerrekening en log opnieuw in.');
}

function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** oidc-provider's error page, in Dutch; the technical details stay visible for developers. */
async function renderError(
  ctx: { type: string; body: unknown },
  out: { error?: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  const details = [out.error, out.error_description].filter((part) => part !== undefined).join(': ');
  ctx.body = page(
    'Er ging iets mis',
    '<h1>Er ging iets mis</h1>\n<p>Ga terug naar Leerrekening en probeer het opnieuw.</p>\n' +
      `<p class="hint">Technische melding: ${escapeHtml(details)}</p>`,
  );
}

async function logoutSource(ctx: { body: unknown }, form: string): Promise<void> {
  ctx.body = page(
    'Uitloggen',
    `<h1>Uitloggen</h1>
<p>Wilt u uitloggen bij Leerrekening?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, uitloggen</button>
<button type="submit" form="op.logoutForm">Nee, ingelogd blijven</button>`,
  );
}

async function postLogoutSuccessSource(ctx: { body: unknown }): Promise<void> {
  ctx.body = page('U bent uitgelogd', '<h1>U bent uitgelogd</h1>\n<p>U kunt dit venster sluiten.</p>');
}
