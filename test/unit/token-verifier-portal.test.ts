import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type IssuerConfig, Unauthorized } from '../../shared/auth/token-verifier.ts';

/**
 * The business portal's user tokens, signed with a local key whose JWKS a small local server
 * publishes, as the issuer would: the verifier fetches and checks it for real.
 */

const portalClientId = 'portal';
const kid = 'portal-test-key';
let signingKey: CryptoKey;
let server: Server;
let business: IssuerConfig;

beforeAll(async () => {
  const keys = await generateKeyPair('RS256', { extractable: true });
  signingKey = keys.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  business = {
    issuer: 'https://issuer.example',
    audience: 'urn:leerrekening:api',
    jwksUri: `http://127.0.0.1:${port}/jwks`,
  };
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
});

/** A token as the issuer signs one: at+jwt, RS256, fifteen minutes; `claims` may add or replace claims. */
async function signed(claims: JWTPayload): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: business.issuer, aud: business.audience, iat: now, exp: now + 15 * 60, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
    .sign(signingKey);
}

function verifierWith(portal: string | undefined) {
  return createTokenVerifier({
    issuers: {
      citizen: business,
      business: { ...business, ...(portal !== undefined && { portalClientId: portal }) },
    },
  });
}

const userId = 'usr_4f1c2a9be0d3';

describe('createTokenVerifier with business portal user tokens', () => {
  it('accepts a portal user token as acting for the organisation it names, with the user', async () => {
    const token = await signed({ client_id: portalClientId, sub: userId, org_client_id: 'employer-demo' });

    await expect(verifierWith(portalClientId).verify(token)).resolves.toEqual({
      kind: 'portal-user',
      clientId: 'employer-demo',
      userId,
    });
  });

  it('still takes an organisation’s client-credentials token as its own when a portal is configured', async () => {
    const token = await signed({ client_id: 'employer-demo', sub: 'employer-demo' });

    await expect(verifierWith(portalClientId).verify(token)).resolves.toEqual({
      kind: 'client',
      clientId: 'employer-demo',
    });
  });

  const refused: ReadonlyArray<readonly [string, JWTPayload, string | undefined, RegExp]> = [
    [
      'no portal configured: a user token is refused as before',
      { client_id: portalClientId, sub: userId, org_client_id: 'employer-demo' },
      undefined,
      /sub is not the client/,
    ],
    [
      'another client than the configured portal',
      { client_id: 'other-portal', sub: userId, org_client_id: 'employer-demo' },
      portalClientId,
      /sub is not the client/,
    ],
    ['no org_client_id', { client_id: portalClientId, sub: userId }, portalClientId, /org_client_id/],
    [
      'an empty org_client_id',
      { client_id: portalClientId, sub: userId, org_client_id: '' },
      portalClientId,
      /org_client_id/,
    ],
    [
      'an org_client_id that is not a string',
      { client_id: portalClientId, sub: userId, org_client_id: ['employer-demo'] },
      portalClientId,
      /org_client_id/,
    ],
    [
      'the portal as organisation',
      { client_id: portalClientId, sub: userId, org_client_id: portalClientId },
      portalClientId,
      /names the portal/,
    ],
    [
      'the portal’s own client-credentials token (sub is the client)',
      { client_id: portalClientId, sub: portalClientId, org_client_id: 'employer-demo' },
      portalClientId,
      /no user/,
    ],
    ['no sub', { client_id: portalClientId, org_client_id: 'employer-demo' }, portalClientId, /sub is not a user id/],
    [
      'a sub with spaces',
      { client_id: portalClientId, sub: 'Jan Jansen', org_client_id: 'employer-demo' },
      portalClientId,
      /sub is not a user id/,
    ],
    [
      'a sub longer than 128 characters',
      { client_id: portalClientId, sub: 'u'.repeat(129), org_client_id: 'employer-demo' },
      portalClientId,
      /sub is not a user id/,
    ],
    [
      'a BSN as the user id',
      { client_id: portalClientId, sub: '999990019', org_client_id: 'employer-demo' },
      portalClientId,
      /holds a BSN/,
    ],
  ];

  it.each(refused)('refuses a portal token with %s', async (_name, claims, portal, reason) => {
    const refusal = await verifierWith(portal)
      .verify(await signed(claims))
      .catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(Unauthorized);
    expect((refusal as Unauthorized).reason).toMatch(reason);
  });

  it('keeps every other check for portal tokens: another audience is refused', async () => {
    const token = await signed({
      client_id: portalClientId,
      sub: userId,
      org_client_id: 'employer-demo',
      aud: 'urn:other:api',
    });

    const refusal = await verifierWith(portalClientId)
      .verify(token)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Unauthorized);
    // Refused for the audience, not for something else about the token.
    expect((refusal as Unauthorized).reason).toMatch(/aud/);
  });
});
