import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  compactDecrypt,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalOidc } from '../../infra/local/oidc.ts';
import { portalClientId } from '../../infra/local/oidc-configuration.ts';
import type { TokenVerifier } from '../../shared/auth/token-verifier.ts';
import { createTokenVerifier, Unauthorized } from '../../shared/auth/token-verifier.ts';
import {
  browse,
  CookieJar,
  exchangeCode,
  followToCallback,
  redirectTarget,
  type StartedLogin,
  startLogin,
  submitBsn,
} from '../support/citizen-login.ts';
import { submitOrganisation } from '../support/portal-login.ts';

const audience = 'urn:leerrekening:api';
const businessClients = [
  { clientId: 'employer-demo', clientSecret: 'employer-demo-secret' },
  { clientId: 'funder-rijk', clientSecret: 'funder-rijk-secret' },
];

let server: Server;
let origin: string;
let issuer: string;
let redirectUri: string;
let verifier: TokenVerifier;
/** The API's key for citizen access tokens: the provider encrypts to its public half. */
let apiDecryptionKey: CryptoKey;
const notices: string[] = [];

beforeAll(async () => {
  // The provider needs the origin, which is known only once the server listens on its free port.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  server = createServer((req, res) => {
    if (handle !== undefined && req.url?.startsWith('/oidc')) handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redirectUri = `${origin}/auth/callback`;
  const apiKey = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  apiDecryptionKey = apiKey.privateKey;
  const oidc = await createLocalOidc({
    origin,
    audience,
    businessClients,
    webRedirectUris: [redirectUri],
    portal: {
      redirectUris: [`${origin}/zakelijk/auth/callback`],
      organisations: [
        { clientId: 'employer-demo', name: 'Bouwbedrijf De Vries' },
        { clientId: 'funder-rijk', name: 'Rijksoverheid' },
      ],
    },
    citizenTokenEncryptionKey: { ...(await exportJWK(apiKey.publicKey)), kid: 'api-key' },
    onNotice: (message) => notices.push(message),
  });
  handle = oidc.handle;
  issuer = oidc.issuer;
  verifier = createTokenVerifier({
    issuers: {
      citizen: { issuer, audience, decryptionKey: apiDecryptionKey },
      business: { issuer, audience, portalClientId },
    },
  });
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

async function clientCredentialsToken(
  clientId: string,
  clientSecret: string,
  method: 'basic' | 'post',
): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (method === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  else {
    body.set('client_id', clientId);
    body.set('client_secret', clientSecret);
  }
  return fetch(`${issuer}/token`, { method: 'POST', headers, body });
}

/** Starts a login and checks that the authorization endpoint sends the browser to the login page. */
async function startLoginOnPage(jar: CookieJar): Promise<StartedLogin> {
  const login = await startLogin(jar, { issuer, redirectUri });
  expect(login.authorization.status).toBe(303);
  expect(new URL(login.loginUrl).pathname).toMatch(/^\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
  return login;
}

async function reasonOfRejection(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(Unauthorized);
  return (error as Unauthorized).reason;
}

describe('createLocalOidc', () => {
  it('publishes a discovery document with every endpoint under /oidc', async () => {
    const response = await fetch(`${origin}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(`${origin}/oidc`);
    expect(discovery.token_endpoint).toBe(`${origin}/oidc/token`);
    expect(discovery.authorization_endpoint).toBe(`${origin}/oidc/auth`);
    expect(discovery.jwks_uri).toBe(`${origin}/oidc/jwks`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'client_credentials']),
    );
  });

  it('routes the provider start-up notices away from the console', () => {
    expect(notices.some((notice) => notice.includes('in-memory adapter'))).toBe(true);
  });

  it('gives a business client a JWT access token for the API that verifies as that client', async () => {
    const response = await clientCredentialsToken('employer-demo', 'employer-demo-secret', 'basic');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeLessThanOrEqual(15 * 60);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ iss: issuer, aud: audience, client_id: 'employer-demo', sub: 'employer-demo' });
    await expect(verifier.verify(body.access_token)).resolves.toEqual({ kind: 'client', clientId: 'employer-demo' });
  });

  it('accepts client_secret_post as well as client_secret_basic', async () => {
    const response = await clientCredentialsToken('funder-rijk', 'funder-rijk-secret', 'post');
    expect(response.status).toBe(200);
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    await expect(verifier.verify(accessToken)).resolves.toEqual({ kind: 'client', clientId: 'funder-rijk' });
  });

  it('answers 401 invalid_client to a wrong secret', async () => {
    const response = await clientCredentialsToken('employer-demo', 'not-the-secret', 'basic');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('logs a citizen in with code + PKCE and a BSN, giving a token with the BSN encrypted to the API', async () => {
    const jar = new CookieJar();
    const login = await startLoginOnPage(jar);
    expect(login.loginPage.status).toBe(200);
    const html = await login.loginPage.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<h1>Inloggen</h1>');
    expect(html).toContain('<label for="bsn">Uw burgerservicenummer (BSN)</label>');
    expect(html).toContain('DigiD');

    const submitted = await submitBsn(jar, login.loginUrl, '999990019');
    const callback = await followToCallback(jar, submitted, login.loginUrl, redirectUri);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(login.state);
    expect(callback.searchParams.get('iss')).toBe(issuer);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    const tokenResponse = await exchangeCode({ issuer, redirectUri }, code ?? '', login.codeVerifier);
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as { access_token: string; id_token: string };

    // NL GOV Assurance profile: the BSN travels only encrypted to the API (a nested JWT: a JWE
    // whose content is the signed at+jwt), so the web app, a proxy or a log line that sees the
    // token cannot read it.
    expect(tokens.access_token.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      cty: 'at+jwt',
      kid: 'api-key',
    });
    expect(tokens.access_token).not.toContain('999990019');
    expect(decodedSegments(tokens.access_token).filter((segment) => segment.includes('999990019'))).toEqual([]);
    expect(() => decodeJwt(tokens.access_token)).toThrow();
    const inner = new TextDecoder().decode((await compactDecrypt(tokens.access_token, apiDecryptionKey)).plaintext);
    // The same look finds the BSN in the signed token inside, so it would find it outside too.
    expect(decodedSegments(inner).some((segment) => segment.includes('999990019'))).toBe(true);
    expect(decodeProtectedHeader(inner)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const accessClaims = decodeJwt(inner);
    expect(accessClaims).toMatchObject({ iss: issuer, aud: audience, bsn: '999990019', client_id: 'web' });
    expect(accessClaims.sub).toBeTruthy();
    expect(accessClaims.sub).not.toBe('999990019');
    const idClaims = decodeJwt(tokens.id_token);
    expect(idClaims.sub).toBe(accessClaims.sub);
    expect(idClaims).not.toHaveProperty('bsn');

    await expect(verifier.verify(tokens.access_token)).resolves.toEqual({ kind: 'citizen', bsn: '999990019' });
    // The ID token is for the web app, not for the API.
    expect(await reasonOfRejection(verifier.verify(tokens.id_token))).toMatch(/typ/);
  });

  it.each([
    ['fails the elfproef', '999990018'],
    ['is too short', '12345'],
    ['is not a number', 'abcdefghi'],
  ])('shows the form again with an error when the BSN %s', async (_name, bsn) => {
    const jar = new CookieJar();
    const login = await startLoginOnPage(jar);
    const response = await submitBsn(jar, login.loginUrl, bsn);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Dit burgerservicenummer klopt niet.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<form method="post"');

    // The login can still go on after the mistake.
    const retry = await submitBsn(jar, login.loginUrl, '999993653');
    expect(retry.status).toBe(303);
  });

  describe('the business portal (public client portal)', () => {
    const portalLogin = () => ({ issuer, redirectUri: `${origin}/zakelijk/auth/callback`, clientId: portalClientId });

    it('logs a portal user in with code + PKCE for an organisation: a signed token that names it', async () => {
      const jar = new CookieJar();
      const login = await startLogin(jar, portalLogin());
      expect(login.loginPage.status).toBe(200);
      const html = await login.loginPage.text();
      expect(html).toContain('<html lang="nl">');
      expect(html).toContain('<legend>Voor welke organisatie werkt u?</legend>');
      expect(html).toContain('<label for="organisatiecode">');
      expect(html).toContain('Bouwbedrijf De Vries');
      expect(html).toContain('value="funder-rijk"');
      expect(html).toContain('eHerkenning');
      expect(html).not.toContain('BSN');

      const submitted = await submitOrganisation(jar, login.loginUrl, 'employer-demo');
      const callback = await followToCallback(jar, submitted, login.loginUrl, portalLogin().redirectUri);
      expect(callback.searchParams.get('state')).toBe(login.state);
      const tokenResponse = await exchangeCode(
        portalLogin(),
        callback.searchParams.get('code') ?? '',
        login.codeVerifier,
      );
      expect(tokenResponse.status).toBe(200);
      const tokens = (await tokenResponse.json()) as { access_token: string; id_token: string };

      // Signed only: it carries no BSN, so there is nothing to hide from the portal.
      expect(tokens.access_token.split('.')).toHaveLength(3);
      expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
      const claims = decodeJwt(tokens.access_token);
      expect(claims).toMatchObject({ iss: issuer, aud: audience, client_id: 'portal', org_client_id: 'employer-demo' });
      expect(claims.sub).toMatch(/^usr_[0-9a-f]{32}$/);
      expect(claims).not.toHaveProperty('bsn');
      const idClaims = decodeJwt(tokens.id_token);
      expect(idClaims.sub).toBe(claims.sub);
      expect(idClaims).not.toHaveProperty('org_client_id');

      await expect(verifier.verify(tokens.access_token)).resolves.toEqual({
        kind: 'portal-user',
        clientId: 'employer-demo',
        userId: claims.sub,
      });
    });

    it('also takes the organisation chosen in the list', async () => {
      const jar = new CookieJar();
      const login = await startLogin(jar, portalLogin());
      const submitted = await browse(jar, login.loginUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ organisatie: 'funder-rijk' }),
      });
      expect(submitted.status).toBe(303);
    });

    it.each([
      ['an organisation it does not know', 'employer-elsewhere', 'Deze organisatie kennen we niet.'],
      ['no organisation at all', '', 'Kies de organisatie waarvoor u werkt.'],
    ])('shows the form again with an error for %s, and issues nothing', async (_name, entered, message) => {
      const jar = new CookieJar();
      const login = await startLogin(jar, portalLogin());
      const response = await submitOrganisation(jar, login.loginUrl, entered);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(message);
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('<title>Fout: Inloggen Zakelijk');

      // The login can still go on after the mistake.
      expect((await submitOrganisation(jar, login.loginUrl, 'funder-rijk')).status).toBe(303);
    });

    it('asks again when the browser is logged in as a citizen, and the reverse', async () => {
      const jar = new CookieJar();
      const citizenLogin = await startLoginOnPage(jar);
      const citizenDone = await submitBsn(jar, citizenLogin.loginUrl, '999990019');
      await followToCallback(jar, citizenDone, citizenLogin.loginUrl, redirectUri);

      // The same browser now goes to the portal: its citizen session is no login there.
      const portal = await startLogin(jar, portalLogin());
      expect(portal.loginPage.status).toBe(200);
      expect(await portal.loginPage.text()).toContain('Voor welke organisatie werkt u?');
      const portalDone = await submitOrganisation(jar, portal.loginUrl, 'employer-demo');
      // oidc-provider ends the citizen's session before it starts the portal user's, with a form
      // that a browser submits by itself; this test submits it as the browser would.
      const resumed = await browse(jar, redirectTarget(portalDone, portal.loginUrl));
      expect(resumed.status).toBe(200);
      const endForm = await resumed.text();
      const action = /<form method="post" action="([^"]+)"/.exec(endForm)?.[1] ?? '';
      const fields = [...endForm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)];
      expect(new URL(action).pathname).toBe('/oidc/session/end/confirm');
      const ended = await browse(jar, action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields.map(([, name = '', value = '']): [string, string] => [name, value])),
      });
      const portalCallback = await followToCallback(jar, ended, action, portalLogin().redirectUri);
      expect(portalCallback.searchParams.get('code')).toBeTruthy();

      // And back to the citizen app: the portal user's session is no citizen login.
      const again = await startLoginOnPage(jar);
      expect(again.loginPage.status).toBe(200);
      expect(await again.loginPage.text()).toContain('<label for="bsn">');
    });
  });

  it('rejects a token whose signature was tampered with', async () => {
    const response = await clientCredentialsToken('employer-demo', 'employer-demo-secret', 'basic');
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    const [header, payload, signature = ''] = accessToken.split('.');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await reasonOfRejection(verifier.verify(`${header}.${payload}.${flipped}`))).toMatch(/signature/i);

    // A payload changed to name another client fails the signature check too.
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...decodeJwt(accessToken), client_id: 'funder-rijk', sub: 'funder-rijk' }),
    ).toString('base64url');
    expect(await reasonOfRejection(verifier.verify(`${header}.${forgedPayload}.${signature}`))).toMatch(/signature/i);
  });

  it('rejects a token made for another audience', async () => {
    const response = await clientCredentialsToken('employer-demo', 'employer-demo-secret', 'basic');
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    const otherApi = createTokenVerifier({
      issuers: {
        citizen: { issuer, audience: 'urn:another:api', jwksUri: `${issuer}/jwks` },
        business: { issuer, audience: 'urn:another:api', jwksUri: `${issuer}/jwks` },
      },
    });
    expect(await reasonOfRejection(otherApi.verify(accessToken))).toMatch(/aud/);
  });

  it('rejects a token from an issuer it was not configured for', async () => {
    const response = await clientCredentialsToken('employer-demo', 'employer-demo-secret', 'basic');
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    const otherIssuer = createTokenVerifier({
      issuers: {
        citizen: { issuer: 'https://citizen.example', audience, jwksUri: `${issuer}/jwks` },
        business: { issuer: 'https://business.example', audience, jwksUri: `${issuer}/jwks` },
      },
    });
    expect(await reasonOfRejection(otherIssuer.verify(accessToken))).toMatch(/iss/);
  });

  it('does not advertise DPoP: the API takes bearer tokens only (issue 13)', async () => {
    const response = await fetch(`${origin}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;

    expect(discovery.issuer).toBe(`${origin}/oidc`);
    expect(discovery).not.toHaveProperty('dpop_signing_alg_values_supported');
  });

  it('gives a plain bearer token, not bound to a key, to a client that sends a DPoP proof anyway', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const proof = await new SignJWT({ htm: 'POST', htu: `${issuer}/token`, jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) })
      .setIssuedAt()
      .sign(privateKey);
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('funder-rijk:funder-rijk-secret').toString('base64')}`,
        dpop: proof,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const body = (await response.json()) as { access_token: string; token_type: string };

    expect(response.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(decodeJwt(body.access_token)).not.toHaveProperty('cnf');
    await expect(verifier.verify(body.access_token)).resolves.toEqual({ kind: 'client', clientId: 'funder-rijk' });
  });

  it('rejects something that is not a JWT', async () => {
    expect(await reasonOfRejection(verifier.verify('not-a-jwt'))).toMatch(/JWT/i);
  });
});

/** Each dot-separated segment of a compact token, base64url-decoded, as text (binary bytes read as latin1). */
function decodedSegments(token: string): string[] {
  return token.split('.').map((segment) => Buffer.from(segment, 'base64url').toString('latin1'));
}
