/**
 * The local OpenID Connect provider: one `oidc-provider` instance that plays both issuers of
 * the README ("API", "Conventions") on a developer's machine. Business clients get JWT access tokens
 * with the client-credentials grant; citizens log in with authorization code + PKCE through the
 * public client `web`, on a login page that asks for a BSN and stands in for DigiD; people who work
 * for an organisation log in the same way through the public client `portal` (the business portal),
 * on a login page that asks for the organisation and stands in for eHerkenning.
 *
 * Everything it knows lives in memory and is gone after a restart: this module exists only for
 * local mode. The demo clients and BSNs come in through the options; the seed module owns them.
 *
 * This module builds the provider and mounts it under `/oidc`; the parts live next to it:
 * `oidc-configuration.ts` (clients, tokens, features), `oidc-interaction.ts` (the login form's
 * endpoint), `oidc-grants.ts`, `oidc-pages.ts` (the HTML), `oidc-notices.ts` and
 * `oidc-provider-module.ts` (what is used of oidc-provider, which has no types).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { createLogger } from '../../shared/runtime/logger.ts';
import { providerConfiguration } from './oidc-configuration.ts';
import { createInteractionHandler } from './oidc-interaction.ts';
import { defaultNoticeHandler, withRoutedNotices } from './oidc-notices.ts';
import { errorPage, sendHtml } from './oidc-pages.ts';
import { importOidcProvider } from './oidc-provider-module.ts';

/** Where the provider is mounted on the local origin; the issuer is `${origin}${mountPath}`. */
const mountPath = '/oidc';

/** The provider's own failures, through the logger that masks BSNs. */
const log = createLogger('local-oidc');

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
  /**
   * The business portal's public client `portal`: its redirect URIs (normally
   * `<origin>/zakelijk/auth/callback`) and the organisations one can log in for, by business client
   * id, with the name the login page shows. No portal client when omitted.
   */
  readonly portal?: {
    readonly redirectUris: readonly string[];
    readonly organisations: ReadonlyArray<{ readonly clientId: string; readonly name: string }>;
  };
  /**
   * The API's public key (EC P-256 for ECDH-ES, or RSA for RSA-OAEP-256) that citizens' access
   * tokens are encrypted to: they carry the BSN, which only the API may read (a nested JWT, as the
   * NL GOV Assurance profile for OpenID Connect asks). Business clients' tokens are only signed.
   */
  readonly citizenTokenEncryptionKey: JWK;
  /** Private signing keys (RS256) to use instead of a key generated at start-up. */
  readonly jwks?: { readonly keys: readonly JWK[] };
  /**
   * Key for the citizen's account id (`sub`). Random when omitted, so `sub` changes on every
   * restart; the API does not use `sub` (it turns the encrypted `bsn` claim into the person id).
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
  // A portal user's account id is a pseudonymous user id; the organisation they logged in for is
  // kept beside it, for the access token's `org_client_id`.
  const orgClientIdByAccountId = new Map<string, string>();

  const onNotice = options.onNotice ?? defaultNoticeHandler;
  const { Provider, errors, interactionPolicy } = await withRoutedNotices(onNotice, importOidcProvider);
  const configuration = providerConfiguration({
    origin,
    mountPath,
    audience,
    businessClients: options.businessClients,
    webRedirectUris: options.webRedirectUris,
    ...(options.portal !== undefined && { portalRedirectUris: options.portal.redirectUris }),
    jwks,
    citizenTokenEncryptionKey: options.citizenTokenEncryptionKey,
    errors,
    bsnByAccountId,
    orgClientIdByAccountId,
    interactionPolicy,
  });

  const provider = await withRoutedNotices(onNotice, async () => new Provider(issuer, configuration));
  // The local server is plain http on localhost with no proxy in front: do not trust
  // X-Forwarded-* headers, or any caller could change the URLs the provider hands out.
  provider.proxy = false;
  const callback = provider.callback();

  const handleInteraction = createInteractionHandler({
    provider,
    errors,
    mountPath,
    subjectSecret,
    bsnByAccountId,
    portalOrganisations: options.portal?.organisations ?? [],
    orgClientIdByAccountId,
  });

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
        // Through the logger that masks BSNs: a failed login may quote what was typed.
        log.error('local OpenID Connect provider: request failed', { error });
        if (!res.headersSent) sendHtml(res, 500, errorPage('Er ging iets mis', 'Probeer het later opnieuw.'));
        else res.end();
      });
    },
  };
}

/** One RS256 key pair for a provider started without keys of its own. */
async function generateSigningKeys(): Promise<{ keys: JWK[] }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}
