/**
 * Verifies the bearer tokens described in the README ("API", "Access tokens"): a citizen's access
 * token from the citizen issuer, carrying claim `bsn` and encrypted to the API, or a business
 * client's client-credentials token from the business issuer, carrying claim `client_id`, or a
 * business portal user's token from the business issuer, which acts for the organisation named in
 * claim `org_client_id`. Free of middy and the AWS SDK, so the authorizer and the local server use
 * the same code.
 */

import type { CryptoKey, JWK, JWTPayload, JWTVerifyGetKey, KeyObject } from 'jose';
import { compactDecrypt, createRemoteJWKSet, decodeJwt, errors, importJWK, jwtVerify } from 'jose';
import { containsBsn, isValidBsn } from '../identity/bsn.ts';
import { keptUnlessFailed } from '../runtime/kept-unless-failed.ts';

/** Signing algorithms we accept. Named explicitly so a token cannot pick a weaker one. */
const acceptedAlgorithms = ['RS256', 'ES256'];

/**
 * Claims every access token must carry: an access token that never expires is refused, and so is
 * one that does not say when it was issued, since its lifetime could not be checked.
 */
const requiredClaims = ['exp', 'iat'];

/** RFC 9068 §4: the `typ` of a JWT access token, so that an ID token or any other JWT of the issuer is not one. */
const accessTokenType = 'at+jwt';

/**
 * The longest lifetime (`exp - iat`) of an access token the API accepts, unless the issuer's
 * configuration says otherwise: an hour, what common issuers give at most by default. A token
 * valid for years is not what any of our issuers hands out, so it is a forgery or a leak.
 */
const defaultAccessTokenLifetimeMaxSeconds = 60 * 60;

/**
 * A portal user's id (`sub`): printable ASCII without spaces, at most this long. It is written to
 * the audit trail, so it is bounded and plain; the issuer makes it a pseudonym, never a BSN.
 */
const portalUserIdPattern = /^[\x21-\x7e]{1,128}$/;

/** How far the issuer's clock may be ahead of or behind ours. */
const clockToleranceSeconds = 30;

/**
 * How a citizen access token may be encrypted to the API (RFC 7516, RFC 7518): ECDH-ES on P-256 or
 * RSA-OAEP-256 to the API's key, A256GCM for the content. Named explicitly, as the signing algorithms are.
 */
const acceptedKeyManagementAlgorithms = ['ECDH-ES', 'RSA-OAEP-256'];
const acceptedContentEncryptionAlgorithms = ['A256GCM'];

/** The key management algorithm for a key that does not name one: RSA-OAEP-256 for an RSA key, ECDH-ES otherwise. */
export function keyManagementAlgorithm(jwk: Pick<JWK, 'kty'>): 'RSA-OAEP-256' | 'ECDH-ES' {
  return jwk.kty === 'RSA' ? 'RSA-OAEP-256' : 'ECDH-ES';
}

/** How long to wait for a discovery document or a JWKS before calling it an outage. */
const fetchTimeoutMilliseconds = 5_000;

/**
 * jose error codes that say something is wrong with the token itself. Any other failure (the
 * JWKS cannot be fetched, times out or is malformed) is an outage and is rethrown as it is, so
 * that it turns into a 500 instead of telling a caller with a good token to go away.
 */
const tokenFaultCodes = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWE_INVALID',
  'ERR_JWE_DECRYPTION_FAILED',
]);

/** A private key that decrypts citizen access tokens, or how to get it (from SSM, on first use). */
export type DecryptionKey = CryptoKey | KeyObject | JWK | (() => Promise<CryptoKey | KeyObject | JWK>);

export interface IssuerConfig {
  /** The issuer identifier, compared exactly with the token's `iss`. */
  readonly issuer: string;
  /** The audience the API expects in the token's `aud`. */
  readonly audience: string;
  /**
   * Where the issuer publishes its public keys. When omitted, it is read once from the issuer's
   * discovery document (`${issuer}/.well-known/openid-configuration`, field `jwks_uri`), which
   * works for any OpenID Connect issuer: oidc-provider publishes `${issuer}/jwks`, Cognito
   * `${issuer}/.well-known/jwks.json`. Set it to save that one request on a cold start.
   */
  readonly jwksUri?: string;
  /**
   * The longest lifetime (`exp - iat`, seconds) accepted from this issuer: its access token
   * lifetime plus a margin. {@link defaultAccessTokenLifetimeMaxSeconds} when omitted.
   */
  readonly accessTokenLifetimeMaxSeconds?: number;
  /**
   * Citizen issuer only: the API's private key that citizen access tokens are encrypted to. A
   * citizen's token carries the BSN, so it must be a nested JWT (a JWE, `cty: at+jwt`, around the
   * signed access token), as the NL GOV Assurance profile for OpenID Connect asks for a BSN; a
   * citizen token whose BSN anyone could read is refused, and so is every citizen token when no
   * key is configured.
   */
  readonly decryptionKey?: DecryptionKey;
  /**
   * Business issuer only: the `client_id` of the business portal, a public client through which a
   * person who works for an organisation logs in (authorization code + PKCE). Its tokens have the
   * user as `sub` and name the organisation's own client id in claim `org_client_id`; they act for
   * that organisation. When omitted, no user token of the business issuer is accepted.
   */
  readonly portalClientId?: string;
}

export interface TokenVerifierOptions {
  readonly issuers: { readonly citizen: IssuerConfig; readonly business: IssuerConfig };
}

/** Who a valid token speaks for. A citizen's BSN goes no further than the authorizer. */
export type VerifiedToken =
  | { readonly kind: 'citizen'; readonly bsn: string }
  | { readonly kind: 'client'; readonly clientId: string }
  /** A person logged in to the business portal, acting for the organisation whose client id this is. */
  | { readonly kind: 'portal-user'; readonly clientId: string; readonly userId: string };

export interface TokenVerifier {
  /** Resolves to who the token speaks for; rejects with {@link Unauthorized} for a bad token. */
  verify(token: string): Promise<VerifiedToken>;
}

/**
 * The token was not accepted. The message is always "Unauthorized", so it can be shown to the
 * caller; the reason is in `cause`, for the log. Neither ever holds the token or a BSN.
 */
export class Unauthorized extends Error {
  override readonly name = 'Unauthorized';

  constructor(reason: string | Error) {
    super('Unauthorized', { cause: typeof reason === 'string' ? new Error(reason) : reason });
  }

  /** The reason, short enough for one log field. */
  get reason(): string {
    return this.cause instanceof Error ? this.cause.message : String(this.cause);
  }
}

/**
 * Builds a verifier for the citizen and business issuers. Each issuer's JWKS is fetched lazily
 * and cached for the life of the verifier (build it once, at module scope). When both issuers are
 * the same, as in local mode, an encrypted token is a citizen's and a signed one a business client's
 * (a signed one with claim `bsn` is a citizen's that shows the BSN, and is refused).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { citizen, business } = options.issuers;
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keySetFor = (config: IssuerConfig): JWTVerifyGetKey => {
    // Two configurations for one issuer share one key set, and so one cache.
    const cacheKey = `${config.issuer} ${config.jwksUri ?? ''}`;
    let keySet = keySets.get(cacheKey);
    if (keySet === undefined) {
      keySet = lazyRemoteKeySet(config);
      keySets.set(cacheKey, keySet);
    }
    return keySet;
  };

  const decryptionKey = citizen.decryptionKey === undefined ? undefined : cachedKey(citizen.decryptionKey);

  /** The signed token inside an encrypted citizen token (a JWE has five parts, a JWS three). */
  async function decrypted(token: string): Promise<string> {
    if (decryptionKey === undefined) throw new Unauthorized('an encrypted token, and no key to decrypt it with');
    // Outside the try: a key that cannot be fetched or imported is an outage, not the caller's fault.
    const key = await decryptionKey();
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(token, key, {
        keyManagementAlgorithms: acceptedKeyManagementAlgorithms,
        contentEncryptionAlgorithms: acceptedContentEncryptionAlgorithms,
      });
      // RFC 7519 §5.2: a nested JWT says so in cty; oidc-provider names the inner token's type.
      const contentType = String(protectedHeader.cty ?? '').toLowerCase();
      if (contentType !== 'at+jwt' && contentType !== 'jwt') {
        throw new Unauthorized('an encrypted token that does not hold a JWT (cty)');
      }
      return new TextDecoder().decode(plaintext);
    } catch (error) {
      if (error instanceof errors.JOSEError && tokenFaultCodes.has(error.code)) throw new Unauthorized(error);
      throw error;
    }
  }

  async function verify(sentToken: string): Promise<VerifiedToken> {
    const encrypted = sentToken.split('.').length === 5;
    const token = encrypted ? await decrypted(sentToken) : sentToken;
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch (error) {
      throw new Unauthorized(asError(error));
    }
    // An encrypted token is a citizen's and a signed one a business client's; a signed one with
    // claim `bsn` is a citizen's that shows the BSN. The verification below checks the signature,
    // issuer and audience of that choice.
    if (!encrypted && unverified.bsn !== undefined) {
      throw new Unauthorized('a citizen token that is not encrypted to the API: its BSN is readable by anyone');
    }
    const kind = encrypted ? 'citizen' : 'client';
    const config = kind === 'citizen' ? citizen : business;

    const lifetimeMax = config.accessTokenLifetimeMaxSeconds ?? defaultAccessTokenLifetimeMaxSeconds;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySetFor(config), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: acceptedAlgorithms,
        typ: accessTokenType,
        // jose checks exp only when it is there; a token without one would never expire.
        requiredClaims,
        // Also refuses a token issued in the future, whose exp - iat would look short.
        maxTokenAge: lifetimeMax,
        clockTolerance: clockToleranceSeconds,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && tokenFaultCodes.has(error.code)) throw new Unauthorized(error);
      throw error;
    }
    // Both are numbers here: jose checked that they are present and numeric dates.
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > lifetimeMax) {
      throw new Unauthorized(`token lifetime (exp - iat) is longer than the ${lifetimeMax} s the API accepts`);
    }
    // RFC 9449 §7.1 and RFC 8705 §3: a token bound to a key (DPoP `cnf.jkt`, a certificate's
    // `cnf.x5t#S256`) may be used only with proof of that key. The API takes bearer tokens only, so
    // such a token is refused rather than accepted from whoever holds a copy.
    if (payload['cnf'] !== undefined) {
      throw new Unauthorized('token is bound to a key (claim cnf): the API takes bearer tokens only');
    }

    if (kind === 'citizen') {
      const { bsn } = payload;
      if (typeof bsn !== 'string' || !isValidBsn(bsn)) throw new Unauthorized('claim bsn is not a valid BSN');
      return { kind, bsn };
    }
    const clientId = payload.client_id;
    if (typeof clientId !== 'string' || clientId === '') throw new Unauthorized('claim client_id is missing');
    if (business.portalClientId !== undefined && clientId === business.portalClientId) {
      return portalUser(payload, clientId);
    }
    // RFC 9068: a client-credentials token has the client as its subject. A user's token from the
    // same issuer has the user there, and must not pass for the client that asked for it.
    if (payload.sub !== clientId) throw new Unauthorized('claim sub is not the client: not a client-credentials token');
    return { kind, clientId };
  }

  /**
   * A portal user's token: the user in `sub`, the organisation in `org_client_id`. The organisation's
   * client id is what the registry and the usage plan know, so the token speaks for that client.
   */
  function portalUser(payload: JWTPayload, portalClientId: string): VerifiedToken {
    const { sub } = payload;
    // The portal never acts for itself: a client-credentials token of the portal client is refused.
    if (sub === portalClientId) throw new Unauthorized('a portal token with the portal as its subject: no user');
    if (typeof sub !== 'string' || !portalUserIdPattern.test(sub)) {
      throw new Unauthorized('a portal token whose sub is not a user id');
    }
    // The user id goes into the audit trail; an issuer that put a BSN there would leak it.
    if (containsBsn(sub)) throw new Unauthorized('a portal token whose sub holds a BSN');
    const orgClientId = payload['org_client_id'];
    if (typeof orgClientId !== 'string' || orgClientId === '') {
      throw new Unauthorized('a portal token without claim org_client_id');
    }
    // A portal token cannot make the portal (or a user) an organisation of its own.
    if (orgClientId === portalClientId) throw new Unauthorized('a portal token that names the portal as organisation');
    return { kind: 'portal-user', clientId: orgClientId, userId: sub };
  }

  return { verify };
}

/**
 * The key, fetched and imported once (not per token); a failed fetch or import is not kept, so the
 * next token tries again.
 */
function cachedKey(key: DecryptionKey): () => Promise<CryptoKey | KeyObject> {
  return keptUnlessFailed(async () => {
    const given = typeof key === 'function' ? await key() : key;
    return isJwk(given)
      ? ((await importJWK(given, given.alg ?? keyManagementAlgorithm(given))) as CryptoKey | KeyObject)
      : given;
  });
}

function isJwk(key: CryptoKey | KeyObject | JWK): key is JWK {
  return typeof (key as JWK).kty === 'string';
}

/**
 * A key set that finds its JWKS URI on first use and is then jose's cached remote key set.
 * A failed discovery is not cached, so the next request tries again.
 */
function lazyRemoteKeySet(config: IssuerConfig): JWTVerifyGetKey {
  const keySet = keptUnlessFailed(async () =>
    createRemoteJWKSet(new URL(await jwksUriFor(config)), { timeoutDuration: fetchTimeoutMilliseconds }),
  );
  return async (protectedHeader, token) => (await keySet())(protectedHeader, token);
}

async function jwksUriFor(config: IssuerConfig): Promise<string> {
  if (config.jwksUri !== undefined) return config.jwksUri;
  const discoveryUrl = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(fetchTimeoutMilliseconds) });
  if (!response.ok) throw new Error(`token verifier: discovery document answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
  if (document.issuer !== config.issuer) throw new Error('token verifier: discovery document names another issuer');
  if (typeof document.jwks_uri !== 'string') throw new Error('token verifier: discovery document has no jwks_uri');
  return document.jwks_uri;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
