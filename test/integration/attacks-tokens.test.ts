import { randomUUID } from 'node:crypto';
import {
  base64url,
  CompactEncrypt,
  type CryptoKey,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localAudience } from '../../infra/local/demo-world.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { captureOutput, type OutputCapture } from '../support/captured-output.ts';
import { citizenLogin } from '../support/citizen-login.ts';
import { openCitizenToken, sealForApi, tampered } from '../support/citizen-token.ts';
import { type ApiResponse, startTestSystem, type TestSystem, validBsn } from '../support/local-system.ts';
import { portalToken } from '../support/portal-login.ts';
import { isUsageItem, scanTable } from '../support/table-scan.ts';

// The authorizer logs why it refused at INFO; the local system's default is WARN. Set before any
// module builds its logger.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
});

/**
 * Forged and misused bearer tokens against real endpoints of the running local system. The test
 * holds the OpenID Connect provider's private key (it hands the provider its JWKS at start), so
 * it can sign tokens exactly as the issuer would, changing one thing at a time. Every one of them
 * gets the same plain 401 problem: the reason is in the log, never in the answer. A correctly
 * forged token (the control) passes, which shows that each refusal is down to its one defect.
 */

let system: TestSystem;
let store: DynamoLedgerStore;
let storeClient: ReturnType<typeof dynamoClient>;
let signingKey: CryptoKey;
let publicJwk: JWK;
let publicPem: string;
let kid: string;
let attackerKey: CryptoKey;
let attackerJwk: JWK;
let output: OutputCapture;

const citizen = validBsn(11);
const otherCitizen = validBsn(12);

/** A business client the issuer knows and the registry lists as active, until a test disables it. */
const soonDisabled = { clientId: 'employer-soon-disabled', clientSecret: 'employer-soon-disabled-secret' };
/**
 * How long the authorizer trusts a client record it read: short here, so the test of a disabled
 * client waits for it (as deployed it is `clientRegistryCacheMsDefault`, 30 s).
 */
const clientRegistryCacheMs = 1_000;

/** An organisation whose portal user logs in while it is active, until a test disables it. */
const portalSoonDisabled = { clientId: 'employer-portal-soon-disabled', clientSecret: 'not-used-by-the-portal' };

/** A business client the issuer knows but the client registry does not. */
const unregistered = { clientId: 'employer-unregistered', clientSecret: 'employer-unregistered-secret' };

beforeAll(async () => {
  const keys = await generateKeyPair('RS256', { extractable: true });
  signingKey = keys.privateKey;
  kid = 'attack-test-signing-key';
  publicJwk = { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' };
  publicPem = await exportSPKI(keys.publicKey);
  const privateJwk = { ...(await exportJWK(keys.privateKey)), kid, alg: 'RS256', use: 'sig' };

  const attacker = await generateKeyPair('RS256', { extractable: true });
  attackerKey = attacker.privateKey;
  attackerJwk = await exportJWK(attacker.publicKey);

  system = await startTestSystem({
    jwks: { keys: [privateJwk] },
    extraBusinessClients: [soonDisabled, unregistered, portalSoonDisabled],
    clientRegistryCacheMs,
  });
  storeClient = dynamoClient(system.dynamoEndpoint);
  store = new DynamoLedgerStore({ client: storeClient, tableName: system.tableName });
  await store.putClient({
    clientId: soonDisabled.clientId,
    role: 'employer',
    orgId: '11112222',
    orgName: 'Bijna Uit BV',
    funderType: 'employer',
    status: 'active',
  });
  await store.putClient({
    clientId: portalSoonDisabled.clientId,
    role: 'employer',
    orgId: '11113333',
    orgName: 'Ook Bijna Uit BV',
    funderType: 'employer',
    status: 'active',
  });

  // The citizens and the money the forged tokens would reach for.
  const funder = await system.token('funder-rijk');
  for (const bsn of [citizen, otherCitizen]) {
    const deposit = await system.api('POST', '/v1/deposits', {
      token: funder,
      body: { bsn, schemeId: 'ontwikkelbudget', amount: 5_000 },
      idempotencyKey: randomUUID(),
    });
    expect(deposit.status, deposit.text).toBe(201);
  }
  // The issuer signs with the test's key: a real token names it.
  expect(decodeProtectedHeader(await system.token('employer-demo'))).toMatchObject({ alg: 'RS256', kid });
  output = captureOutput();
});

afterAll(async () => {
  output?.stop();
  storeClient?.destroy();
  await system?.stop();
});

const now = () => Math.floor(Date.now() / 1000);

/** The claims the issuer puts in a client-credentials access token. */
function businessClaims(clientId: string): JWTPayload {
  return {
    iss: system.issuer,
    aud: localAudience,
    sub: clientId,
    client_id: clientId,
    iat: now(),
    exp: now() + 300,
    jti: randomUUID(),
    scope: '',
  };
}

/** The claims the issuer puts in a citizen's access token. */
function citizenClaims(bsn: string): JWTPayload {
  return {
    iss: system.issuer,
    aud: localAudience,
    sub: 'account-pseudonym',
    client_id: 'web',
    bsn,
    iat: now(),
    exp: now() + 300,
    jti: randomUUID(),
    scope: 'openid',
  };
}

/** Signs `payload` as given (no claims added), with the issuer's key unless told otherwise. */
function sign(
  payload: JWTPayload,
  options: { key?: CryptoKey | Uint8Array; header?: Record<string, unknown> } = {},
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt', ...options.header } as { alg: string })
    .sign(options.key ?? signingKey);
}

/** Encrypts a signed token to the API's key, as the issuer does with a citizen's access token, or to another key. */
function encryptForApi(signed: string, key: JWK = system.citizenTokenKey): Promise<string> {
  return sealForApi(signed, key);
}

/** The signed token inside a real citizen access token, opened with the API's key. */
function decryptedByApi(token: string): Promise<string> {
  return openCitizenToken(token, system.citizenTokenKey);
}

/** Signs a citizen's token as given and encrypts it to the API, as the issuer does. */
async function signCitizen(
  payload: JWTPayload,
  options: { key?: CryptoKey | Uint8Array; header?: Record<string, unknown> } = {},
): Promise<string> {
  return encryptForApi(await sign(payload, options));
}

/** Signs RS256 with the issuer's key by hand, for headers jose refuses to sign with. */
async function signByHand(header: Record<string, unknown>, payload: JWTPayload): Promise<string> {
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signingKey, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url.encode(new Uint8Array(signature))}`;
}

/** An unsigned token: the header and payload as given, and an empty signature. */
function unsigned(payload: JWTPayload, alg: string): string {
  const part = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${part({ alg, typ: 'at+jwt' })}.${part(payload)}.`;
}

interface Call {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: boolean;
}

/** Real business endpoints: a read, a money movement with a valid body, and the admin read. */
const businessCalls: readonly Call[] = [
  { method: 'GET', path: '/v1/schemes' },
  {
    method: 'POST',
    path: '/v1/deposits',
    body: { bsn: validBsn(11), schemeId: 'ontwikkelbudget', amount: 100 },
    idempotencyKey: true,
  },
  { method: 'GET', path: '/v1/admin/reconciliation' },
];
/** Real citizen endpoints: the balance, the history and a claim decision. */
const citizenCalls: readonly Call[] = [
  { method: 'GET', path: '/v1/me/account' },
  { method: 'GET', path: '/v1/me/transactions' },
  { method: 'POST', path: '/v1/me/claims/clm_attack/reject' },
];

async function send(call: Call, token: string): Promise<ApiResponse> {
  return system.api(call.method, call.path, {
    token,
    ...(call.body !== undefined && { body: call.body }),
    ...(call.idempotencyKey === true && { idempotencyKey: randomUUID() }),
  });
}

/** The one answer every refused token gets: nothing about why. */
const plainUnauthorized = {
  type: 'https://leerrekening.nl/problems/unauthorized',
  title: 'Unauthorized',
  status: 401,
  detail: 'A valid bearer token is required.',
  code: 'unauthorized',
};

/** The WWW-Authenticate challenge of a 401 for a token that was sent and refused. */
const invalidTokenChallenge = 'Bearer realm="leerrekening", error="invalid_token"';

/** The reasons the authorizer logged since the last look. */
function loggedReasons(): string[] {
  return output
    .sinceLastMark()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['message'] === 'request not authorized')
    .map((line) => String(line['reason']));
}

/** Sends the token to each call and expects the plain 401, with `reason` in the log and not in the answer. */
async function expectRefused(token: string, calls: readonly Call[], reason: RegExp): Promise<void> {
  for (const call of calls) {
    output.sinceLastMark();
    const response = await send(call, token);
    expect(response.status, `${call.method} ${call.path}: ${response.text}`).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(plainUnauthorized);
    // RFC 6750 §3: a 401 names the scheme, and a token that was sent but refused is an invalid_token.
    expect(response.headers.get('www-authenticate')).toBe(invalidTokenChallenge);
    const reasons = loggedReasons();
    expect(reasons, `${call.method} ${call.path}`).toHaveLength(1);
    expect(reasons[0]).toMatch(reason);
    // The reason stays in the log: the answer is the same whatever went wrong.
    expect(response.text).not.toContain(reasons[0]);
    expect(output.text()).not.toContain(token);
  }
}

interface Attack {
  readonly name: string;
  readonly token: () => Promise<string>;
  readonly calls: readonly Call[];
  /** What the authorizer must have logged as the reason. */
  readonly reason: RegExp;
}

/** Each forged token changes one thing of a token the issuer could have signed. */
const attacks: readonly Attack[] = [
  // Lifetime.
  {
    name: 'an expired business token',
    token: () => sign({ ...businessClaims('funder-rijk'), iat: now() - 960, exp: now() - 60 }),
    calls: businessCalls,
    reason: /"exp" claim timestamp check failed/,
  },
  {
    name: 'an expired citizen token',
    token: () => signCitizen({ ...citizenClaims(citizen), iat: now() - 960, exp: now() - 60 }),
    calls: citizenCalls,
    reason: /"exp" claim timestamp check failed/,
  },
  {
    name: 'a business token not valid yet (nbf in an hour)',
    token: () => sign({ ...businessClaims('funder-rijk'), nbf: now() + 3600 }),
    calls: businessCalls,
    reason: /"nbf" claim timestamp check failed/,
  },
  {
    name: 'a citizen token not valid yet (nbf in an hour)',
    token: () => signCitizen({ ...citizenClaims(citizen), nbf: now() + 3600 }),
    calls: citizenCalls,
    reason: /"nbf" claim timestamp check failed/,
  },
  {
    name: 'a business token without exp (would never expire)',
    token: () => sign((({ exp: _exp, ...claims }) => claims)(businessClaims('funder-rijk'))),
    calls: businessCalls,
    reason: /"exp" claim/,
  },
  {
    name: 'a citizen token without exp (would never expire)',
    token: () => signCitizen((({ exp: _exp, ...claims }) => claims)(citizenClaims(citizen))),
    calls: citizenCalls,
    reason: /"exp" claim/,
  },
  // RFC 9068: the token type, and a lifetime the issuer would never give (issue 13).
  {
    name: 'a business token typed JWT instead of at+jwt',
    token: () => sign(businessClaims('funder-rijk'), { header: { typ: 'JWT' } }),
    calls: businessCalls,
    reason: /unexpected "typ" JWT header value/,
  },
  {
    name: 'a business token without typ',
    token: () => sign(businessClaims('funder-rijk'), { header: { typ: undefined } }),
    calls: businessCalls,
    reason: /unexpected "typ" JWT header value/,
  },
  {
    name: 'a citizen token typed JWT instead of at+jwt',
    token: () => signCitizen(citizenClaims(citizen), { header: { typ: 'JWT' } }),
    calls: citizenCalls,
    reason: /unexpected "typ" JWT header value/,
  },
  {
    name: 'a business token valid for ten years',
    token: () => sign({ ...businessClaims('funder-rijk'), exp: now() + 10 * 365 * 86_400 }),
    calls: businessCalls,
    reason: /lifetime/,
  },
  {
    name: 'a citizen token valid for ten years',
    token: () => signCitizen({ ...citizenClaims(citizen), exp: now() + 10 * 365 * 86_400 }),
    calls: citizenCalls,
    reason: /lifetime/,
  },
  {
    name: 'a business token without iat',
    token: () => sign((({ iat: _iat, ...claims }) => claims)(businessClaims('funder-rijk'))),
    calls: businessCalls,
    reason: /"iat" claim/,
  },
  {
    name: 'a business token issued an hour from now, for a short while after that',
    token: () => sign({ ...businessClaims('funder-rijk'), iat: now() + 3600, exp: now() + 3900 }),
    calls: businessCalls,
    reason: /"iat" claim timestamp check failed/,
  },
  // Proof of possession (issue 13): the API takes bearer tokens only, so a token bound to a key
  // or a certificate is not one; sent as Bearer it would let anyone who copied it use it.
  {
    name: 'a DPoP-bound business token (cnf.jkt) sent as Bearer',
    token: () =>
      sign({ ...businessClaims('funder-rijk'), cnf: { jkt: 'ZjcwNzI3NmU1ZTM0YzNlNTE2NGQxNjg4ZjBlYTZlOGE' } }),
    calls: businessCalls,
    reason: /bound to a key/,
  },
  {
    name: 'a DPoP-bound citizen token (cnf.jkt) sent as Bearer',
    token: () =>
      signCitizen({ ...citizenClaims(citizen), cnf: { jkt: 'ZjcwNzI3NmU1ZTM0YzNlNTE2NGQxNjg4ZjBlYTZlOGE' } }),
    calls: citizenCalls,
    reason: /bound to a key/,
  },
  {
    name: 'a certificate-bound business token (cnf x5t#S256) sent as Bearer',
    token: () =>
      sign({ ...businessClaims('funder-rijk'), cnf: { 'x5t#S256': 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2' } }),
    calls: businessCalls,
    reason: /bound to a key/,
  },
  // Issuer and audience.
  {
    name: 'a business token from another issuer',
    token: () => sign({ ...businessClaims('funder-rijk'), iss: 'https://evil.example/oidc' }),
    calls: businessCalls,
    reason: /unexpected "iss" claim value/,
  },
  {
    name: 'a citizen token from another issuer',
    token: () => signCitizen({ ...citizenClaims(citizen), iss: 'https://evil.example/oidc' }),
    calls: citizenCalls,
    reason: /unexpected "iss" claim value/,
  },
  {
    name: 'a business token for another audience',
    token: () => sign({ ...businessClaims('funder-rijk'), aud: 'urn:another:api' }),
    calls: businessCalls,
    reason: /unexpected "aud" claim value/,
  },
  {
    name: 'a citizen token for another audience',
    token: () => signCitizen({ ...citizenClaims(citizen), aud: 'urn:another:api' }),
    calls: citizenCalls,
    reason: /unexpected "aud" claim value/,
  },
  // The algorithm.
  ...['none', 'None', 'NONE', 'nOnE'].map((alg) => ({
    name: `a business token with alg "${alg}"`,
    token: async () => unsigned(businessClaims('funder-rijk'), alg),
    calls: businessCalls,
    reason: /alg|Algorithm|JWS/i,
  })),
  {
    name: 'a citizen token with alg "none"',
    token: () => encryptForApi(unsigned(citizenClaims(citizen), 'none')),
    calls: citizenCalls,
    reason: /alg|Algorithm|JWS/i,
  },
  {
    name: 'a business token signed HS256 with the public key’s n as the secret',
    token: () =>
      sign(businessClaims('funder-rijk'), { key: base64url.decode(publicJwk.n ?? ''), header: { alg: 'HS256' } }),
    calls: businessCalls,
    reason: /"alg" \(Algorithm\) Header Parameter value not allowed/,
  },
  {
    name: 'a business token signed HS256 with the public key’s PEM as the secret',
    token: () =>
      sign(businessClaims('funder-rijk'), { key: new TextEncoder().encode(publicPem), header: { alg: 'HS256' } }),
    calls: businessCalls,
    reason: /"alg" \(Algorithm\) Header Parameter value not allowed/,
  },
  {
    name: 'a citizen token signed HS256 with the public JWK as the secret',
    token: () =>
      signCitizen(citizenClaims(citizen), {
        key: new TextEncoder().encode(JSON.stringify(publicJwk)),
        header: { alg: 'HS256' },
      }),
    calls: citizenCalls,
    reason: /"alg" \(Algorithm\) Header Parameter value not allowed/,
  },
  // The key.
  {
    name: 'a business token signed with a fresh key under an unknown kid',
    token: () => sign(businessClaims('funder-rijk'), { key: attackerKey, header: { kid: 'attacker-key' } }),
    calls: businessCalls,
    reason: /no applicable key found in the JSON Web Key Set/,
  },
  {
    name: 'a citizen token signed with a fresh key under an unknown kid',
    token: () => signCitizen(citizenClaims(citizen), { key: attackerKey, header: { kid: 'attacker-key' } }),
    calls: citizenCalls,
    reason: /no applicable key found in the JSON Web Key Set/,
  },
  {
    name: 'a business token signed with a fresh key under the issuer’s kid',
    token: () => sign(businessClaims('funder-rijk'), { key: attackerKey }),
    calls: businessCalls,
    reason: /signature verification failed/,
  },
  {
    name: 'a business token signed with a fresh key that it carries in its own jwk header',
    token: () =>
      sign(businessClaims('funder-rijk'), { key: attackerKey, header: { kid: undefined, jwk: attackerJwk } }),
    calls: businessCalls,
    reason: /signature verification failed|no applicable key/,
  },
  {
    name: 'a business token pointing jku at the attacker’s key set',
    token: () =>
      sign(businessClaims('funder-rijk'), {
        key: attackerKey,
        header: { kid: 'attacker-key', jku: 'http://127.0.0.1:9/jwks.json' },
      }),
    calls: businessCalls,
    reason: /no applicable key found/,
  },
  {
    name: 'a business token with an unknown critical header',
    token: () =>
      signByHand(
        { alg: 'RS256', kid, typ: 'at+jwt', crit: ['urn:attack'], 'urn:attack': true },
        businessClaims('funder-rijk'),
      ),
    calls: businessCalls,
    reason: /Extension Header Parameter "urn:attack" is not recognized/,
  },
  {
    name: 'an ES256 business token from a key the issuer never had',
    token: async () =>
      sign(businessClaims('funder-rijk'), {
        key: (await generateKeyPair('ES256')).privateKey,
        header: { alg: 'ES256', kid: 'attacker-ec' },
      }),
    calls: businessCalls,
    reason: /no applicable key found/,
  },
  // The payload, changed after signing.
  {
    name: 'a real employer token with client_id and sub changed to the auditor',
    token: async () =>
      tampered(await system.token('employer-demo'), (claims) => ({
        ...claims,
        client_id: 'auditor-demo',
        sub: 'auditor-demo',
      })),
    calls: businessCalls,
    reason: /signature verification failed/,
  },
  {
    name: 'a real funder token with exp moved a day ahead',
    token: async () =>
      tampered(await system.token('funder-rijk'), (claims) => ({ ...claims, exp: (claims.exp ?? 0) + 86_400 })),
    calls: businessCalls,
    reason: /signature verification failed/,
  },
  {
    name: 'a real citizen token with bsn changed to another citizen',
    token: async () =>
      encryptForApi(
        tampered(await decryptedByApi(await system.citizenToken(citizen)), (claims) => ({
          ...claims,
          bsn: otherCitizen,
        })),
      ),
    calls: citizenCalls,
    reason: /signature verification failed/,
  },
  {
    name: 'a real citizen token with its signature cut off',
    token: async () =>
      encryptForApi(`${(await decryptedByApi(await system.citizenToken(citizen))).split('.').slice(0, 2).join('.')}.`),
    calls: citizenCalls,
    reason: /signature verification failed|JWS/,
  },
  // A citizen token that shows its BSN, or that the API cannot open (issue 13).
  {
    name: 'a citizen token signed by the issuer but not encrypted, its BSN readable by anyone',
    token: () => sign(citizenClaims(citizen)),
    calls: citizenCalls,
    reason: /a citizen token that is not encrypted to the API/,
  },
  {
    name: 'a citizen token encrypted to another key than the API’s',
    token: async () =>
      encryptForApi(await sign(citizenClaims(citizen)), {
        ...(await exportJWK((await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true })).privateKey)),
        kid: system.citizenTokenKey.kid,
      }),
    calls: citizenCalls,
    reason: /decryption operation failed/,
  },
  {
    name: 'a citizen token encrypted with alg dir and a guessed key',
    token: async () =>
      new CompactEncrypt(new TextEncoder().encode(await sign(citizenClaims(citizen))))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'at+jwt' })
        .encrypt(new Uint8Array(32)),
    calls: citizenCalls,
    reason: /"alg" \(Algorithm\) Header Parameter value not allowed/,
  },
  {
    name: 'an encrypted citizen token whose content is not a JWT',
    token: async () =>
      new CompactEncrypt(new TextEncoder().encode('{"bsn":"999990019"}'))
        .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM' })
        .encrypt(await importJWK((({ d: _d, ...key }) => key)(system.citizenTokenKey), 'ECDH-ES')),
    calls: citizenCalls,
    reason: /does not hold a JWT/,
  },
  // Right issuer, wrong kind of token.
  {
    name: 'a client token whose sub is not the client (not client credentials)',
    token: () => sign({ ...businessClaims('funder-rijk'), sub: 'someone-else' }),
    calls: businessCalls,
    reason: /claim sub is not the client/,
  },
  {
    name: 'a citizen token whose bsn fails the elfproef',
    token: () => signCitizen(citizenClaims(`${citizen.slice(0, 8)}${(Number(citizen[8]) + 1) % 10}`)),
    calls: citizenCalls,
    reason: /claim bsn is not a valid BSN/,
  },
  {
    name: 'a citizen’s ID token instead of an access token',
    token: async () =>
      (await citizenLogin({ issuer: system.issuer, redirectUri: `${system.origin}/auth/callback`, bsn: citizen }))
        .id_token,
    calls: [...citizenCalls, ...businessCalls],
    // Its typ is not at+jwt (and its aud is the web app, not the API).
    reason: /unexpected "typ" JWT header value/,
  },
  // Real tokens from the other issuer's side: a citizen's on business routes and the reverse.
  {
    name: 'a real citizen token on business routes (schemes, deposits, employees, claims, admin, audit)',
    token: () => system.citizenToken(citizen),
    calls: [
      ...businessCalls,
      { method: 'POST', path: '/v1/employees', body: { bsn: validBsn(11), startDate: '2024-01-01' } },
      { method: 'GET', path: '/v1/claims' },
      {
        method: 'POST',
        path: '/v1/admin/providers',
        body: { providerId: 'eigen', name: 'Eigen', kvk: '12345678', iban: 'NL91ABNA0417164300', status: 'active' },
      },
      { method: 'GET', path: '/v1/admin/audit?from=2026-01-01&to=2026-01-02' },
    ],
    reason: /^a citizen token on a route for business clients$/,
  },
  {
    name: 'a real employer token on citizen routes',
    token: () => system.token('employer-demo'),
    calls: citizenCalls,
    reason: /^a business client token on a route for citizens$/,
  },
  {
    name: 'a real provider token on citizen routes (approving a claim itself)',
    token: () => system.token('provider-demo'),
    calls: [...citizenCalls, { method: 'POST', path: '/v1/me/claims/clm_attack/approve', idempotencyKey: true }],
    reason: /^a business client token on a route for citizens$/,
  },
  {
    name: 'a real auditor token on citizen routes',
    token: () => system.token('auditor-demo'),
    calls: citizenCalls,
    reason: /^a business client token on a route for citizens$/,
  },
  // The client registry.
  {
    name: 'a real token of a client the issuer knows but the registry does not',
    token: () => system.token(unregistered.clientId),
    calls: businessCalls,
    reason: /^client is not in the client registry$/,
  },
];

/** What a refused request could have changed: every item of the table but the usage report's (see `isUsageItem`). */
const tableNow = async () =>
  (await scanTable(system.dynamoEndpoint, system.tableName)).filter((item) => !isUsageItem(item));

describe('a forged or misused bearer token', () => {
  it('passes when forged correctly (the control): the test signs exactly as the issuer does', async () => {
    const business = await send(businessCalls[0]!, await sign(businessClaims('funder-rijk')));
    const citizenAnswer = await send(citizenCalls[0]!, await signCitizen(citizenClaims(citizen)));

    expect(business.status, business.text).toBe(200);
    expect(citizenAnswer.status, citizenAnswer.text).toBe(200);
    expect(citizenAnswer.body.totals.available).toBe(5_000);
  });

  it.each(attacks.map((attack) => [attack.name, attack] as const))(
    '%s → 401 with a plain message, the reason only in the log, nothing written',
    async (_name, attack) => {
      const before = await tableNow();

      await expectRefused(await attack.token(), attack.calls, attack.reason);

      expect(await tableNow()).toEqual(before);
    },
  );

  it('a token in the query string instead of the Authorization header → 401', async () => {
    const token = await system.token('funder-rijk');
    const response = await system.api('GET', `/v1/schemes?access_token=${token}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(plainUnauthorized);
    // RFC 6750 §3.1: no credentials, so the challenge names the scheme and no error.
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="leerrekening"');
  });

  it('a real token under the DPoP scheme → 401 with a Bearer challenge: the API takes bearer tokens only', async () => {
    const token = await system.token('funder-rijk');
    const response = await system.api('GET', '/v1/schemes', { headers: { authorization: `DPoP ${token}` } });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(plainUnauthorized);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="leerrekening"');
  });

  it('a business client disabled in the registry → 401 after the cache bound, with a token that worked', async () => {
    const token = await system.token(soonDisabled.clientId);
    expect((await system.api('GET', '/v1/schemes', { token })).status).toBe(200);
    const client = await store.getClient(soonDisabled.clientId);
    expect(client).toBeDefined();
    await store.putClient({ ...client!, status: 'disabled' });
    // The authorizer read the client before it was disabled; from the bound on, it reads it again.
    await new Promise((done) => setTimeout(done, clientRegistryCacheMs));
    const before = await tableNow();

    await expectRefused(
      token,
      [...businessCalls, { method: 'POST', path: '/v1/employees', body: { bsn: citizen, startDate: '2024-01-01' } }],
      /^client is disabled$/,
    );

    expect(await tableNow()).toEqual(before);
  });

  it('leaves the ledger balanced and the money of the attacked citizen and a forged token’s one in place', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
    // The attacked citizen, and the one a forged token named instead (its BSN swapped in), hold
    // exactly their one deposit: no forged request moved or held any of their money.
    for (const bsn of [citizen, otherCitizen]) {
      const token = await system.citizenToken(bsn);
      const account = await system.api('GET', '/v1/me/account', { token });
      expect(account.status, account.text).toBe(200);
      expect(account.body.totals, bsn).toEqual({ available: 5_000, reserved: 0 });
      const history = await system.api('GET', '/v1/me/transactions', { token });
      expect(history.status, history.text).toBe(200);
      expect(history.body.items, bsn).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({ type: 'deposit', amount: 5_000 });
    }
  });
});

describe('a business portal user’s token (client portal, code + PKCE through the local provider)', () => {
  /** A citizen of its own, so the deposit below leaves the other tests' citizens as they are. */
  const portalCitizen = validBsn(13);

  it('answers GET /v1/organisation with the name and role of each demo organisation, and names the user', async () => {
    const expected = [
      { clientId: 'employer-demo', name: 'Bouwbedrijf De Vries', role: 'employer', funderType: 'employer' },
      { clientId: 'funder-rijk', name: 'Rijksoverheid', role: 'funder', funderType: 'public' },
      { clientId: 'funder-sector-demo', name: 'O&O-fonds Techniek', role: 'funder', funderType: 'sector' },
      { clientId: 'provider-demo', name: 'Opleidingen Noord', role: 'provider' },
      { clientId: 'auditor-demo', name: 'Auditdienst Leerrekening', role: 'auditor' },
    ];
    for (const organisation of expected) {
      const token = await portalToken(system.origin, organisation.clientId);
      const userId = decodeJwt(token).sub;
      const response = await system.api('GET', '/v1/organisation', { token });
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({ ...organisation, userId });
      // The organisation's own client token gets the same answer, without a user.
      const own = await system.api('GET', '/v1/organisation', { token: await system.token(organisation.clientId) });
      expect(own.status, own.text).toBe(200);
      expect(own.body).toEqual(organisation);
    }
  });

  it('works on its organisation’s routes: a deposit by a portal user names the user in the audit trail', async () => {
    const token = await portalToken(system.origin, 'funder-rijk');
    const userId = decodeJwt(token).sub;
    expect(userId).toMatch(/^usr_/);
    expect((await system.api('GET', '/v1/schemes', { token })).status).toBe(200);
    const idempotencyKey = randomUUID();
    const deposit = await system.api('POST', '/v1/deposits', {
      token,
      body: { bsn: portalCitizen, schemeId: 'ontwikkelbudget', amount: 1_234 },
      idempotencyKey,
    });
    expect(deposit.status, deposit.text).toBe(201);

    const today = new Date().toISOString().slice(0, 10);
    const audit = await system.api('GET', `/v1/admin/audit?from=${today}&to=${today}&limit=200`, {
      token: await system.token('auditor-demo'),
    });
    expect(audit.status, audit.text).toBe(200);
    const entries = (audit.body.items as Array<Record<string, any>>).filter(
      (entry) => entry['action'] === 'deposit' && entry['actor']?.['userId'] === userId,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { role: 'funder', clientId: 'funder-rijk', orgId: expect.any(String), userId },
      amount: 1_234,
      outcome: 'succeeded',
    });
    expect(audit.text).not.toContain(portalCitizen);
  });

  it('is no credential for a citizen route (401), and a citizen token is none for GET /v1/organisation', async () => {
    const portal = await portalToken(system.origin, 'employer-demo');
    await expectRefused(portal, citizenCalls, /^a business client token on a route for citizens$/);
    await expectRefused(
      await system.citizenToken(citizen),
      [{ method: 'GET', path: '/v1/organisation' }],
      /^a citizen token on a route for business clients$/,
    );
  });

  it('cannot be had for an organisation the login page does not know', async () => {
    await expect(portalToken(system.origin, 'employer-nowhere')).rejects.toThrow(/refused employer-nowhere/);
  });

  it('is 401 for an organisation the issuer knows but the registry does not', async () => {
    const token = await portalToken(system.origin, unregistered.clientId);
    await expectRefused(token, [{ method: 'GET', path: '/v1/organisation' }], /^client is not in the client registry$/);
  });

  it('is 401 once its organisation is disabled in the registry, with a token that worked', async () => {
    const token = await portalToken(system.origin, portalSoonDisabled.clientId);
    expect((await system.api('GET', '/v1/organisation', { token })).status).toBe(200);
    const client = await store.getClient(portalSoonDisabled.clientId);
    expect(client).toBeDefined();
    await store.putClient({ ...client!, status: 'disabled' });
    await new Promise((done) => setTimeout(done, clientRegistryCacheMs));

    await expectRefused(token, [...businessCalls, { method: 'GET', path: '/v1/organisation' }], /^client is disabled$/);
  });
});
