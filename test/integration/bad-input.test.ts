import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAudience } from '../../infra/local/demo-world.ts';
import {
  type ApiResponse,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

/**
 * Bad requests through the real local system. Each one gets a 4xx `application/problem+json` with a
 * stable `code` (validation failures list what is wrong by path), never a 500, and writes nothing:
 * the citizen's history, the ledger's reconciliation counts and the callers' schemes are the same
 * before and after.
 */

let system: TestSystem;
/** A citizen with money and an employment, so that a request that wrongly went through would show. */
const citizen = validBsn(1);
/** A client-credentials-shaped token for funder-rijk, signed with a key the issuer never had. */
let forgedToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  const funder = await system.token('funder-rijk');
  const employer = await system.token('employer-demo');
  expect(
    (await system.api('POST', '/v1/schemes', { token: funder, body: { schemeId: 'invoer', label: 'Invoer' } })).status,
  ).toBe(201);
  expect(
    (await system.api('POST', '/v1/employees', { token: employer, body: { bsn: citizen, startDate: '2024-01-01' } }))
      .status,
  ).toBe(201);
  const seeded = await system.api('POST', '/v1/deposits', {
    token: funder,
    body: { bsn: citizen, schemeId: 'invoer', amount: 10_000 },
    idempotencyKey: randomUUID(),
  });
  expect(seeded.status).toBe(201);

  const { privateKey } = await generateKeyPair('RS256');
  forgedToken = await new SignJWT({ client_id: 'funder-rijk' })
    .setProtectedHeader({ alg: 'RS256', kid: 'not-the-issuers-key' })
    .setIssuer(system.issuer)
    .setAudience(localAudience)
    .setSubject('funder-rijk')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
});

afterAll(async () => {
  await system?.stop();
});

/** Who sends a request: a demo business client, the test's citizen, a forged token, or nobody. */
type Caller = DemoClientId | 'citizen' | 'forged' | 'anonymous';

interface BadRequest {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly as: Caller;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly idempotencyKey?: string;
  readonly status: number;
  readonly code: string;
  /** For `validation_failed`: paths that must be among the listed errors. */
  readonly errorPaths?: readonly string[];
}

async function tokenOf(caller: Caller): Promise<string | undefined> {
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'citizen':
      return system.citizenToken(citizen);
    case 'forged':
      return forgedToken;
    default:
      return system.token(caller);
  }
}

const validDeposit = { bsn: citizen, schemeId: 'invoer', amount: 100 };

/** A deposit by funder-rijk with a fresh Idempotency-Key, so only the body can be at fault. */
function badDeposit(
  name: string,
  request: Pick<BadRequest, 'body' | 'rawBody' | 'headers' | 'status' | 'code' | 'errorPaths'>,
): BadRequest {
  return { name, method: 'POST', path: '/v1/deposits', as: 'funder-rijk', idempotencyKey: randomUUID(), ...request };
}

function invalidDeposit(name: string, body: unknown, errorPaths: readonly string[]): BadRequest {
  return badDeposit(name, { body, status: 400, code: 'validation_failed', errorPaths });
}

/** A provider's cancel of a claim that does not exist, with a fresh Idempotency-Key: only the body can be at fault. */
function bodyOnCancel(
  name: string,
  body: Pick<BadRequest, 'body' | 'rawBody'>,
  status: number,
  code: string,
): BadRequest {
  const path = '/v1/claims/clm_bestaat_niet/cancel';
  return { name, method: 'POST', path, as: 'provider-demo', idempotencyKey: randomUUID(), ...body, status, code };
}

const deeplyNestedArray = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
const deeplyNestedObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
/** A JWT with algorithm `none` and no signature, claiming to be the Rijk funder. */
const unsignedToken =
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.` +
  `${Buffer.from('{"client_id":"funder-rijk","sub":"funder-rijk"}').toString('base64url')}.`;

const badRequests: readonly BadRequest[] = [
  // Amounts: whole positive cents within the limit, and nothing else.
  invalidDeposit('amount as a string "100"', { ...validDeposit, amount: '100' }, ['body.amount']),
  invalidDeposit('amount 1.5 (not whole cents)', { ...validDeposit, amount: 1.5 }, ['body.amount']),
  invalidDeposit('amount -1', { ...validDeposit, amount: -1 }, ['body.amount']),
  invalidDeposit('amount 0', { ...validDeposit, amount: 0 }, ['body.amount']),
  invalidDeposit('amount 1e20', { ...validDeposit, amount: 1e20 }, ['body.amount']),
  invalidDeposit('amount one cent beyond the maximum deposit', { ...validDeposit, amount: 10_000_001 }, [
    'body.amount',
  ]),
  invalidDeposit('amount null', { ...validDeposit, amount: null }, ['body.amount']),
  badDeposit('amount with 30 digits', {
    rawBody: `{"bsn":"${citizen}","schemeId":"invoer","amount":123456789012345678901234567890}`,
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.amount'],
  }),
  badDeposit('amount NaN, which is not JSON', {
    rawBody: `{"bsn":"${citizen}","schemeId":"invoer","amount":NaN}`,
    status: 400,
    code: 'invalid_json',
  }),
  // Fields: all required ones, and no others.
  invalidDeposit('bsn missing', { schemeId: 'invoer', amount: 100 }, ['body.bsn']),
  invalidDeposit('schemeId missing', { bsn: citizen, amount: 100 }, ['body.schemeId']),
  invalidDeposit('amount missing', { bsn: citizen, schemeId: 'invoer' }, ['body.amount']),
  invalidDeposit('every field missing: {}', {}, ['body.bsn', 'body.schemeId', 'body.amount']),
  invalidDeposit('an unknown extra field', { ...validDeposit, iban: 'NL91ABNA0417164300' }, ['body']),
  invalidDeposit('a BSN of 8 digits', { ...validDeposit, bsn: citizen.slice(1) }, ['body.bsn']),
  invalidDeposit('a BSN with letters', { ...validDeposit, bsn: 'abcdefghi' }, ['body.bsn']),
  invalidDeposit('a BSN as a number', { ...validDeposit, bsn: Number(citizen) }, ['body.bsn']),
  invalidDeposit('a schemeId with uppercase letters', { ...validDeposit, schemeId: 'Invoer' }, ['body.schemeId']),
  invalidDeposit('a reference of 201 characters', { ...validDeposit, reference: 'r'.repeat(201) }, ['body.reference']),
  // Bodies that are not an object, not JSON, or built to hurt.
  badDeposit('an empty body', { status: 400, code: 'validation_failed', errorPaths: ['body'] }),
  badDeposit('a body that is not JSON', {
    rawBody: '{"bsn": "999990019", "amount": ',
    status: 400,
    code: 'invalid_json',
  }),
  invalidDeposit('the body []', [], ['body']),
  invalidDeposit('the body null', null, ['body']),
  invalidDeposit('the body "a string"', 'a string', ['body']),
  badDeposit('arrays nested 30,000 deep', {
    rawBody: deeplyNestedArray,
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body'],
  }),
  badDeposit('objects nested 10,000 deep', {
    rawBody: deeplyNestedObject,
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body'],
  }),
  badDeposit('a nested value where the reference goes', {
    rawBody: `{"bsn":"${citizen}","schemeId":"invoer","amount":100,"reference":${deeplyNestedArray}}`,
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.reference'],
  }),
  badDeposit('a "__proto__" key', {
    rawBody: `{"bsn":"${citizen}","schemeId":"invoer","amount":100,"__proto__":{"amount":5000000,"admin":true}}`,
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body'],
  }),
  badDeposit('a "constructor" key', {
    rawBody: `{"bsn":"${citizen}","schemeId":"invoer","amount":100,"constructor":{"prototype":{"admin":true}}}`,
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body'],
  }),
  badDeposit('a body over 64 KiB', {
    body: { ...validDeposit, reference: 'r'.repeat(70_000) },
    status: 413,
    code: 'payload_too_large',
  }),
  badDeposit('Content-Type text/plain', {
    rawBody: JSON.stringify(validDeposit),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported_media_type',
  }),
  badDeposit('a form instead of JSON', {
    rawBody: new URLSearchParams({ bsn: citizen, schemeId: 'invoer', amount: '100' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  }),
  // The Idempotency-Key header: required on money-moving routes, 1–128 printable ASCII.
  {
    name: 'a deposit without Idempotency-Key',
    method: 'POST',
    path: '/v1/deposits',
    as: 'funder-rijk',
    body: validDeposit,
    status: 400,
    code: 'idempotency_key_missing',
  },
  {
    name: 'an Idempotency-Key of 129 characters',
    method: 'POST',
    path: '/v1/deposits',
    as: 'funder-rijk',
    body: validDeposit,
    idempotencyKey: 'k'.repeat(129),
    status: 400,
    code: 'idempotency_key_missing',
  },
  {
    name: 'an Idempotency-Key with a non-ASCII character',
    method: 'POST',
    path: '/v1/deposits',
    as: 'funder-rijk',
    body: validDeposit,
    idempotencyKey: 'sleutel-é',
    status: 400,
    code: 'idempotency_key_missing',
  },
  ...['deposit-999.990.019', 'deposit 999 99 0019', 'deposit999990019x'].map((idempotencyKey) => ({
    name: `an Idempotency-Key with a BSN in it: "${idempotencyKey}" (the key is stored)`,
    method: 'POST',
    path: '/v1/deposits',
    as: 'funder-rijk' as const,
    body: validDeposit,
    idempotencyKey,
    status: 400,
    code: 'idempotency_key_missing',
  })),
  {
    name: 'an empty Idempotency-Key',
    method: 'POST',
    path: '/v1/deposits',
    as: 'funder-rijk',
    body: validDeposit,
    idempotencyKey: '',
    status: 400,
    code: 'idempotency_key_missing',
  },
  {
    name: 'ending an employment without Idempotency-Key',
    method: 'POST',
    path: '/v1/employees/end',
    as: 'employer-demo',
    body: { bsn: citizen, endDate: '2025-01-01' },
    status: 400,
    code: 'idempotency_key_missing',
  },
  // Other bodies.
  {
    name: 'an employment starting on 2026-02-30',
    method: 'POST',
    path: '/v1/employees',
    as: 'employer-demo',
    body: { bsn: citizen, startDate: '2026-02-30' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.startDate'],
  },
  {
    name: 'an employment starting on 2026-1-5',
    method: 'POST',
    path: '/v1/employees',
    as: 'employer-demo',
    body: { bsn: citizen, startDate: '2026-1-5' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.startDate'],
  },
  {
    name: 'an employee with a BSN of 8 digits',
    method: 'POST',
    path: '/v1/employees',
    as: 'employer-demo',
    body: { bsn: '12345678', startDate: '2024-01-01' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.bsn'],
  },
  {
    name: 'an employment ending on 2026-02-30',
    method: 'POST',
    path: '/v1/employees/end',
    as: 'employer-demo',
    body: { bsn: citizen, endDate: '2026-02-30' },
    idempotencyKey: randomUUID(),
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.endDate'],
  },
  {
    name: 'an employment ending after today',
    method: 'POST',
    path: '/v1/employees/end',
    as: 'employer-demo',
    body: { bsn: citizen, endDate: '2099-12-31' },
    idempotencyKey: randomUUID(),
    status: 422,
    code: 'invalid_end_date',
  },
  {
    name: 'an employment ending before it started',
    method: 'POST',
    path: '/v1/employees/end',
    as: 'employer-demo',
    body: { bsn: citizen, endDate: '2023-12-31' },
    idempotencyKey: randomUUID(),
    status: 422,
    code: 'invalid_end_date',
  },
  {
    name: 'a scheme with an uppercase schemeId',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'Nieuw', label: 'Nieuw' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.schemeId'],
  },
  {
    name: 'a scheme expiring on 2026-02-30',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'nieuw', label: 'Nieuw', expiresAt: '2026-02-30' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.expiresAt'],
  },
  {
    name: 'a scheme with an empty label',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'nieuw', label: '   ' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.label'],
  },
  {
    name: 'a scheme with a budget of 1.5 cents',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'nieuw', label: 'Nieuw', budget: 1.5 },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.budget'],
  },
  {
    name: 'a scheme with both expiry rules',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'nieuw', label: 'Nieuw', expiresAt: '2099-01-01', expiresAfterMonths: 12 },
    status: 422,
    code: 'invalid_expiry',
  },
  {
    name: 'a scheme that expired yesterday',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'nieuw', label: 'Nieuw', expiresAt: '2020-01-01' },
    status: 422,
    code: 'invalid_expiry',
  },
  {
    name: 'a scheme with revocable "yes"',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'nieuw', label: 'Nieuw', revocable: 'yes' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.revocable'],
  },
  // A POST that takes no body accepts none or `{}` (what generated clients send), and nothing else.
  bodyOnCancel('a field in the body of a cancel, which takes none', { body: { why: 1 } }, 400, 'validation_failed'),
  bodyOnCancel('an array as the body of a cancel, which takes none', { body: [] }, 400, 'validation_failed'),
  bodyOnCancel('null as the body of a cancel, which takes none', { rawBody: 'null' }, 400, 'validation_failed'),
  bodyOnCancel('{} as the body of a cancel counts as none: on to the claim', { body: {} }, 404, 'unknown_claim'),
  {
    name: 'a field in the body of a reject, which takes none',
    method: 'POST',
    path: '/v1/me/claims/clm_bestaat_niet/reject',
    as: 'citizen',
    body: { reason: 'nee' },
    status: 400,
    code: 'validation_failed',
  },
  {
    name: '{} as the body of a reject passes as no body, on to the unknown claim',
    method: 'POST',
    path: '/v1/me/claims/clm_bestaat_niet/reject',
    as: 'citizen',
    body: {},
    status: 404,
    code: 'unknown_claim',
  },
  {
    name: '{} as the body of an approval means the proposed split, on to the unknown claim',
    method: 'POST',
    path: '/v1/me/claims/clm_bestaat_niet/approve',
    as: 'citizen',
    body: {},
    idempotencyKey: randomUUID(),
    status: 404,
    code: 'unknown_claim',
  },
  {
    name: 'an empty split in an approval',
    method: 'POST',
    path: '/v1/me/claims/clm_bestaat_niet/approve',
    as: 'citizen',
    body: { parts: [] },
    idempotencyKey: randomUUID(),
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.parts'],
  },
  // Query parameters.
  {
    name: 'limit=0',
    method: 'GET',
    path: '/v1/me/transactions?limit=0',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.limit'],
  },
  {
    name: 'limit=201',
    method: 'GET',
    path: '/v1/me/transactions?limit=201',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.limit'],
  },
  {
    name: 'limit=abc',
    method: 'GET',
    path: '/v1/me/transactions?limit=abc',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.limit'],
  },
  {
    name: 'limit=1.5',
    method: 'GET',
    path: '/v1/schemes?limit=1.5',
    as: 'funder-rijk',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.limit'],
  },
  {
    name: 'a garbage cursor',
    method: 'GET',
    path: '/v1/me/transactions?cursor=garbage',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.cursor'],
  },
  {
    name: 'a cursor that is JSON but not ours',
    method: 'GET',
    path: `/v1/schemes?cursor=${Buffer.from('{"sk":"PERSON#x"}').toString('base64url')}`,
    as: 'funder-rijk',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.cursor'],
  },
  {
    name: 'a cursor of 1025 characters',
    method: 'GET',
    path: `/v1/me/transactions?cursor=${'c'.repeat(1025)}`,
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.cursor'],
  },
  {
    name: 'an unknown query parameter',
    method: 'GET',
    path: '/v1/me/transactions?bsn=999990019',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query'],
  },
  // Paths and methods.
  { name: 'an unknown path', method: 'GET', path: '/v1/accounts', as: 'citizen', status: 404, code: 'not_found' },
  {
    name: 'a known path with a trailing slash',
    method: 'POST',
    path: '/v1/deposits/',
    as: 'funder-rijk',
    body: validDeposit,
    idempotencyKey: randomUUID(),
    status: 404,
    code: 'not_found',
  },
  { name: 'the bare /v1', method: 'GET', path: '/v1', as: 'anonymous', status: 404, code: 'not_found' },
  {
    name: 'GET on POST /v1/deposits',
    method: 'GET',
    path: '/v1/deposits',
    as: 'funder-rijk',
    status: 405,
    code: 'method_not_allowed',
  },
  {
    name: 'DELETE on /v1/schemes',
    method: 'DELETE',
    path: '/v1/schemes',
    as: 'funder-rijk',
    status: 405,
    code: 'method_not_allowed',
  },
  {
    name: 'PUT on /v1/health',
    method: 'PUT',
    path: '/v1/health',
    as: 'anonymous',
    body: {},
    status: 405,
    code: 'method_not_allowed',
  },
  // Tokens: missing or invalid is 401, and so is a valid token of the wrong kind for the route (a citizen's on a
  // business route or the reverse); a business client with the wrong business role is 403.
  {
    name: 'no bearer token on /v1/me/account',
    method: 'GET',
    path: '/v1/me/account',
    as: 'anonymous',
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'no bearer token on a deposit',
    method: 'POST',
    path: '/v1/deposits',
    as: 'anonymous',
    body: validDeposit,
    idempotencyKey: randomUUID(),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a garbage bearer token',
    method: 'GET',
    path: '/v1/schemes',
    as: 'anonymous',
    headers: { authorization: 'Bearer garbage' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a bearer token "a.b.c"',
    method: 'GET',
    path: '/v1/schemes',
    as: 'anonymous',
    headers: { authorization: 'Bearer a.b.c' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'an empty bearer token',
    method: 'GET',
    path: '/v1/schemes',
    as: 'anonymous',
    headers: { authorization: 'Bearer ' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'Basic credentials instead of a bearer token',
    method: 'GET',
    path: '/v1/schemes',
    as: 'anonymous',
    headers: { authorization: `Basic ${Buffer.from('funder-rijk:funder-rijk-secret').toString('base64')}` },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'an unsigned token (alg none)',
    method: 'GET',
    path: '/v1/schemes',
    as: 'anonymous',
    headers: {
      authorization: `Bearer ${unsignedToken}`,
    },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a token signed with another key',
    method: 'POST',
    path: '/v1/deposits',
    as: 'forged',
    body: validDeposit,
    idempotencyKey: randomUUID(),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a citizen token on a deposit',
    method: 'POST',
    path: '/v1/deposits',
    as: 'citizen',
    body: validDeposit,
    idempotencyKey: randomUUID(),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a citizen token on GET /v1/schemes',
    method: 'GET',
    path: '/v1/schemes',
    as: 'citizen',
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a citizen token on POST /v1/employees',
    method: 'POST',
    path: '/v1/employees',
    as: 'citizen',
    body: { bsn: citizen, startDate: '2024-01-01' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a funder token on /v1/me/account',
    method: 'GET',
    path: '/v1/me/account',
    as: 'funder-rijk',
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'an employer token on /v1/me/transactions',
    method: 'GET',
    path: '/v1/me/transactions',
    as: 'employer-demo',
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'a funder registering an employee',
    method: 'POST',
    path: '/v1/employees',
    as: 'funder-rijk',
    body: { bsn: citizen, startDate: '2024-01-01' },
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'a funder ending an employment',
    method: 'POST',
    path: '/v1/employees/end',
    as: 'funder-sector-demo',
    body: { bsn: citizen, endDate: '2025-01-01' },
    idempotencyKey: randomUUID(),
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'a training provider defining a scheme',
    method: 'POST',
    path: '/v1/schemes',
    as: 'provider-demo',
    body: { schemeId: 'nieuw', label: 'Nieuw' },
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'a training provider depositing',
    method: 'POST',
    path: '/v1/deposits',
    as: 'provider-demo',
    body: validDeposit,
    idempotencyKey: randomUUID(),
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'a funder on /v1/admin/reconciliation',
    method: 'GET',
    path: '/v1/admin/reconciliation',
    as: 'funder-rijk',
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'an employer on /v1/admin/reconciliation',
    method: 'GET',
    path: '/v1/admin/reconciliation',
    as: 'employer-demo',
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'a citizen on /v1/admin/reconciliation',
    method: 'GET',
    path: '/v1/admin/reconciliation',
    as: 'citizen',
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'an auditor depositing',
    method: 'POST',
    path: '/v1/deposits',
    as: 'auditor-demo',
    body: validDeposit,
    idempotencyKey: randomUUID(),
    status: 403,
    code: 'forbidden',
  },
  // Issue 13: a BSN in free text, in any spelling, is refused with a message that says why.
  ...[
    ['in dotted groups', 'loon 999.990.019'],
    ['in groups of 3, 2 and 4', 'loon 999 99 0019'],
    ['with hyphens', '999-990-019'],
    ['in full-width digits', 'loon ９９９９９００１９'],
    ['glued to letters', 'abc999990019xyz'],
  ].flatMap(([spelling, text]) => [
    badDeposit(`a reference with a BSN ${spelling}`, {
      body: { ...validDeposit, reference: text },
      status: 400,
      code: 'validation_failed',
      errorPaths: ['body.reference'],
    }),
    {
      name: `a course title with a BSN ${spelling}`,
      method: 'POST',
      path: '/v1/courses',
      as: 'provider-demo' as const,
      body: { courseId: `bsn-test-${randomUUID().slice(0, 8)}`, title: `Cursus ${text}`, category: 'ict', price: 100 },
      status: 400,
      code: 'validation_failed',
      errorPaths: ['body.title'],
    },
  ]),
  {
    name: 'a scheme label with a BSN in dotted groups',
    method: 'POST',
    path: '/v1/schemes',
    as: 'funder-rijk',
    body: { schemeId: 'bsn-label', label: 'Budget 999.990.019' },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.label'],
  },
  {
    name: 'a provider name with a BSN in full-width digits',
    method: 'POST',
    path: '/v1/admin/providers',
    as: 'auditor-demo',
    body: {
      providerId: 'bsn-name',
      name: 'Opleider ９９９９９００１９',
      kvk: '12345678',
      iban: 'NL91ABNA0417164300',
      status: 'active',
    },
    status: 400,
    code: 'validation_failed',
    errorPaths: ['body.name'],
  },
  {
    name: 'a course search for a BSN in groups (it would sit in the access log)',
    method: 'GET',
    path: `/v1/courses?q=${encodeURIComponent('999 99 0019')}`,
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.q'],
  },
  // Issue 13: bad percent-encoding in a path is the caller's fault, as API Gateway answers it.
  {
    name: 'a claim id with bad percent-encoding (%ff)',
    method: 'GET',
    path: '/v1/claims/clm_%ff',
    as: 'provider-demo',
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'a claim id with a cut-off percent-escape (%E0%A4%A)',
    method: 'POST',
    path: '/v1/me/claims/clm_%E0%A4%A/reject',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'bad percent-encoding in a query string (limit=%ff)',
    method: 'GET',
    path: '/v1/me/transactions?limit=%ff',
    as: 'citizen',
    status: 400,
    code: 'validation_failed',
    errorPaths: ['query.limit'],
  },
  {
    name: 'bad percent-encoding in a path without a token',
    method: 'GET',
    path: '/v1/claims/%',
    as: 'anonymous',
    status: 400,
    code: 'validation_failed',
  },
];

describe('free text without a BSN (issue 13)', () => {
  it.each([
    'Veilig werken langs de weg (VCA) 2026-2027, groep 3',
    'Factuur 2026-000123 van 29-11-2026, tel. 06-12345678',
    'NL91 ABNA 0417 1643 00',
    'Kosten € 1.250,00 (123456789)',
  ])('accepts the reference "%s"', async (reference) => {
    const response = await system.api('POST', '/v1/deposits', {
      token: await system.token('funder-rijk'),
      body: { ...validDeposit, amount: 1, reference },
      idempotencyKey: randomUUID(),
    });

    expect(response.status, response.text).toBe(201);
  });

  it('says in the refusal why the text was refused', async () => {
    const response = await system.api('POST', '/v1/deposits', {
      token: await system.token('funder-rijk'),
      body: { ...validDeposit, reference: 'loon 999.990.019' },
      idempotencyKey: randomUUID(),
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'body.reference', message: expect.stringMatching(/BSN/) }]);
    expect(response.text).not.toContain('999.990.019');
  });
});

describe('problem details that name the path (issue 13)', () => {
  it.each([
    ['GET', '/v1/x/999%20990%20019'],
    ['GET', '/v1/claims/clm_1/x/999%2E990%2E019'],
    ['DELETE', '/v1/claims/clm_999%20990%20019'],
    ['PUT', '/v1/me/claims/999-99-0019%20/approve'],
  ])('echo no BSN, encoded or not: %s %s', async (method, path) => {
    const response = await system.api(method, path, { token: await system.token('provider-demo') });

    expect([404, 405]).toContain(response.status);
    const decoded = decodeURIComponent(response.text);
    for (const spelling of ['999990019', '999 990 019', '999.990.019', '999 99 0019', '999-99-0019']) {
      expect(decoded).not.toContain(spelling);
    }
  });
});

describe('X-Request-Id (issue 13)', () => {
  it.each(['999990019', '999.990.019', 'req-999990019', 'my-correlation-id'])(
    'is not the caller’s X-Correlation-Id "%s" unless that is a UUID',
    async (correlationId) => {
      const response = await system.api('GET', '/v1/schemes', {
        token: await system.token('funder-rijk'),
        headers: { 'x-correlation-id': correlationId },
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-request-id')).not.toContain(correlationId);
    },
  );

  it('is the caller’s X-Correlation-Id when that is a UUID', async () => {
    const correlationId = randomUUID();
    const response = await system.api('GET', '/v1/schemes', {
      token: await system.token('funder-rijk'),
      headers: { 'x-correlation-id': correlationId },
    });

    expect(response.headers.get('x-request-id')).toBe(correlationId);
  });

  it.each([
    { name: 'an unknown path', method: 'GET', path: '/v1/accounts', withToken: true, status: 404 },
    { name: 'a wrong method', method: 'DELETE', path: '/v1/schemes', withToken: true, status: 405 },
    { name: 'no token', method: 'GET', path: '/v1/schemes', withToken: false, status: 401 },
  ])(
    'on what the gateway answers itself, $name ($status), is its own x-amzn-RequestId, never the caller’s',
    async ({ method, path, withToken, status }) => {
      const response = await system.api(method, path, {
        ...(withToken ? { token: await system.token('funder-rijk') } : {}),
        headers: { 'x-correlation-id': '999990019' },
      });

      expect(response.status).toBe(status);
      expect(response.headers.get('x-amzn-requestid')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(response.headers.get('x-request-id')).toBeNull();
    },
  );
});

/** What a request that wrote anything would change: the citizen's history, the ledger, the funder's schemes. */
async function snapshot(): Promise<unknown> {
  const [history, reconciliation, schemes] = await Promise.all([
    system.api('GET', '/v1/me/transactions?limit=200', { token: await system.citizenToken(citizen) }),
    system.reconcile(),
    system.api('GET', '/v1/schemes?limit=200', { token: await system.token('funder-rijk') }),
  ]);
  const { accounts, transfers, sum, balanced } = reconciliation;
  return { history: history.body, ledger: { accounts, transfers, sum, balanced }, schemes: schemes.body };
}

function expectProblem(response: ApiResponse, expected: Pick<BadRequest, 'status' | 'code' | 'errorPaths'>): void {
  expect(response.status, response.text).toBe(expected.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: expected.status,
    detail: expect.any(String),
    code: expected.code,
  });
  if (expected.errorPaths !== undefined) {
    expect(response.body.errors).toEqual(
      expect.arrayContaining(expected.errorPaths.map((path) => ({ path, message: expect.any(String) }))),
    );
  }
}

describe('a bad request', () => {
  it.each(badRequests.map((request) => [`${request.name} → ${request.status} ${request.code}`, request] as const))(
    '%s, and nothing is written',
    async (_title, request) => {
      const before = await snapshot();
      const token = await tokenOf(request.as);

      const response = await system.api(request.method, request.path, {
        ...(token !== undefined && { token }),
        ...(request.body !== undefined && { body: request.body }),
        ...(request.rawBody !== undefined && { rawBody: request.rawBody }),
        ...(request.headers !== undefined && { headers: request.headers }),
        ...(request.idempotencyKey !== undefined && { idempotencyKey: request.idempotencyKey }),
      });

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectProblem(response, request);
      expect(response.text).not.toContain(citizen);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('answers any JSON value that is not a deposit with a 4xx problem, never a 500, and writes nothing', async () => {
    const before = await snapshot();
    const token = await system.token('funder-rijk');

    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await system.api('POST', '/v1/deposits', {
          token,
          rawBody: JSON.stringify(value),
          idempotencyKey: randomUUID(),
        });
        expect(response.status, response.text).toBeGreaterThanOrEqual(400);
        expect(response.status, response.text).toBeLessThan(500);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 60 },
    );

    expect(await snapshot()).toEqual(before);
  });

  it('refuses every amount that is not whole positive cents up to the maximum with body.amount', async () => {
    const before = await snapshot();
    const token = await system.token('funder-rijk');
    const notCents = fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 10_000_001 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((amount) => !Number.isInteger(amount)),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 2 }),
    );

    await fc.assert(
      fc.asyncProperty(notCents, async (amount) => {
        const response = await system.api('POST', '/v1/deposits', {
          token,
          body: { ...validDeposit, amount },
          idempotencyKey: randomUUID(),
        });
        expectProblem(response, { status: 400, code: 'validation_failed', errorPaths: ['body.amount'] });
      }),
      { numRuns: 60 },
    );

    expect(await snapshot()).toEqual(before);
  });

  it('names every allowed method in Allow when the method is wrong', async () => {
    const response = await system.api('DELETE', '/v1/schemes', { token: await system.token('funder-rijk') });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'POST']);
  });

  it('refuses a cursor from another list with 400', async () => {
    const funder = await system.token('funder-rijk');
    const schemes = await system.api('GET', '/v1/schemes?limit=1', { token: funder });
    expect(schemes.body.nextCursor).toEqual(expect.any(String));

    const response = await system.api('GET', `/v1/me/transactions?cursor=${schemes.body.nextCursor as string}`, {
      token: await system.citizenToken(citizen),
    });

    expectProblem(response, { status: 400, code: 'validation_failed', errorPaths: ['query.cursor'] });
  });
});

describe('GET /v1/me/transactions pagination', () => {
  const saver = validBsn(2);
  const other = validBsn(3);

  it(
    'walks 7 deposits with limit=3 in 3 pages, newest first, ' +
      'with no duplicates and no nextCursor on the last page',
    async () => {
      const funder = await system.token('funder-rijk');
      const deposits: Array<{ depositId: string; at: string }> = [];
      for (let index = 1; index <= 7; index += 1) {
        const response = await system.api('POST', '/v1/deposits', {
          token: funder,
          body: { bsn: saver, schemeId: 'invoer', amount: index * 100 },
          idempotencyKey: randomUUID(),
        });
        expect(response.status, response.text).toBe(201);
        deposits.push(response.body as { depositId: string; at: string });
      }
      const token = await system.citizenToken(saver);

      const pages: Array<{ items: Array<{ id: string; at: string }>; nextCursor?: string }> = [];
      let path = '/v1/me/transactions?limit=3';
      for (let page = 0; page < 5; page += 1) {
        const response = await system.api('GET', path, { token });
        expect(response.status, response.text).toBe(200);
        pages.push(response.body);
        if (response.body.nextCursor === undefined) break;
        path = `/v1/me/transactions?limit=3&cursor=${encodeURIComponent(response.body.nextCursor as string)}`;
      }

      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
      expect(pages.map((page) => page.nextCursor === undefined)).toEqual([false, false, true]);
      const walked = pages.flatMap((page) => page.items.map((item) => item.id));
      expect(new Set(walked).size).toBe(7);
      // Newest first: by time, and by id within the same millisecond, as the ledger's sort key orders them.
      const newestFirst = [...deposits]
        .sort((a, b) => `${b.at}#${b.depositId}`.localeCompare(`${a.at}#${a.depositId}`))
        .map((deposit) => deposit.depositId);
      expect(walked).toEqual(newestFirst);
    },
  );

  it(
    'reads a cursor only within the caller’s own list: ' + 'another citizen’s cursor never shows their entries',
    async () => {
      const funder = await system.token('funder-rijk');
      const depositFor = async (bsn: string, amount: number): Promise<string> => {
        const response = await system.api('POST', '/v1/deposits', {
          token: funder,
          body: { bsn, schemeId: 'invoer', amount },
          idempotencyKey: randomUUID(),
        });
        expect(response.status, response.text).toBe(201);
        return (response.body as { depositId: string }).depositId;
      };
      const othersDeposit = await depositFor(other, 50);
      const neighbour = validBsn(4);
      await depositFor(neighbour, 60);
      await depositFor(neighbour, 70);
      const neighbourFirstPage = await system.api('GET', '/v1/me/transactions?limit=1', {
        token: await system.citizenToken(neighbour),
      });
      expect(neighbourFirstPage.body.nextCursor).toEqual(expect.any(String));

      const response = await system.api(
        'GET',
        `/v1/me/transactions?cursor=${encodeURIComponent(neighbourFirstPage.body.nextCursor as string)}`,
        {
          token: await system.citizenToken(other),
        },
      );

      expect(response.status).toBe(200);
      const ids = (response.body.items as Array<{ id: string }>).map((item) => item.id);
      // The cursor only says where to go on; the list is the caller's own, so it holds only their deposit.
      expect(ids).toEqual([othersDeposit]);
    },
  );

  it('accepts limit=1 and limit=200, the smallest and largest page', async () => {
    const token = await system.citizenToken(saver);

    const smallest = await system.api('GET', '/v1/me/transactions?limit=1', { token });
    const largest = await system.api('GET', '/v1/me/transactions?limit=200', { token });

    expect(smallest.status).toBe(200);
    expect(smallest.body.items).toHaveLength(1);
    expect(largest.status).toBe(200);
    expect(largest.body.items).toHaveLength(7);
    expect(largest.body.nextCursor).toBeUndefined();
  });
});

describe('the ledger after every bad request above', () => {
  it('balances: every account sums to zero and matches its ledger entries', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
