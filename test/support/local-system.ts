import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { inject } from 'vitest';
import { demoCitizens, demoClients } from '../../infra/local/demo-world.ts';
import { type LocalSystem, type LocalSystemOptions, startLocalSystem } from '../../infra/local/start.ts';
import type { Reconciliation } from '../../shared/api/views.ts';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import { businessTokens } from './business-token.ts';
import { citizenLogin } from './citizen-login.ts';
// For the type of inject('dynamoEndpoint'), which dynamodb.ts declares.
import type {} from './dynamodb.ts';

/** What a call to the API answered. `body` is parsed JSON for JSON answers, else the text. */
export interface ApiResponse<B = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: B;
  /** The body exactly as sent, to compare answers byte for byte. */
  readonly text: string;
}

export interface ApiRequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly body?: unknown;
  /**
   * Sent as it is, for bodies that are not (valid) JSON; `Content-Type` is application/json unless
   * `headers` names another.
   */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly idempotencyKey?: string;
}

/** The reconciliation answer of `GET /v1/admin/reconciliation`. */

/** The demo business clients, by client id. */
export type DemoClientId = (typeof demoClients)[number]['clientId'];

/** What a test file may change about the system it starts; everything else is as `npm start` runs it. */
export type TestSystemOptions = Pick<
  LocalSystemOptions,
  | 'jwks'
  | 'extraBusinessClients'
  | 'citizenTokenKey'
  | 'clientRegistryCacheMs'
  | 'batchVisibilityTimeoutMs'
  | 'usageStream'
> & {
  /** Use this table (one a test started before), to restart on kept data; a fresh one when omitted. */
  readonly tableName?: string;
};

export interface TestSystem {
  /** Where the system answers, e.g. `http://localhost:40123`. */
  readonly origin: string;
  readonly issuer: string;
  /** The DynamoDB Local endpoint and this system's own table, for tests that look at or change what is stored. */
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /**
   * The API's private key that citizens' access tokens are encrypted to (a JWK), so that a test
   * can look into a real citizen token or forge one the way the provider makes them.
   */
  readonly citizenTokenKey: JWK;
  /** The deposit batch queue the worker reads (SQS's local stand-in). */
  readonly batchQueue: LocalSystem['batchQueue'];
  /**
   * An access token for a demo business client, or one of the `extraBusinessClients` the system
   * was started with (client credentials), fetched once per client.
   */
  token(clientId: DemoClientId | (string & {})): Promise<string>;
  /** A citizen's access token, from a full authorization code + PKCE login with the BSN; fetched once per BSN. */
  citizenToken(bsn: string): Promise<string>;
  /** One call to the API, never following redirects. */
  api<B = any>(method: string, path: string, options?: ApiRequestOptions): Promise<ApiResponse<B>>;
  /** The auditor's reconciliation of the whole ledger; fails when the endpoint does not answer 200. */
  reconcile(): Promise<Reconciliation>;
  /** Waits until the usage aggregates count everything written before the call (see `LocalSystem`). */
  drainUsageStream(): Promise<void>;
  stop(): Promise<void>;
}

/** A key pair for the API's citizen token encryption, as `npm start` makes one: ECDH-ES on P-256. */
async function newCitizenTokenKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  return { ...(await exportJWK(privateKey)), kid: 'test-citizen-token-key', alg: 'ECDH-ES', use: 'enc' };
}

/**
 * Starts the whole local system, as `npm start` runs it, on a free port, against the test run's
 * DynamoDB Local (see `dynamodb-global-setup.ts`) with a table of its own, so test files never see
 * each other's data. Start one per test file in `beforeAll` and stop it in `afterAll`. The demo
 * world is seeded as always; use {@link validBsn} for citizens a test owns.
 */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const citizenTokenKey = options.citizenTokenKey ?? (await newCitizenTokenKey());
  const system = await startLocalSystem({
    ...options,
    citizenTokenKey,
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: options.tableName ?? `it-${randomUUID()}`,
  });
  const { origin, issuer, dynamoEndpoint, tableName } = system;
  const knownClients = [...demoClients, ...(options.extraBusinessClients ?? [])];
  const token = businessTokens(issuer, knownClients);
  const citizenTokens = new Map<string, Promise<string>>();

  /** Caches the promise, and forgets it when it fails, so one failure is not repeated for every test. */
  function cached(
    cache: Map<string, Promise<string>>,
    key: string,
    fetchToken: () => Promise<string>,
  ): Promise<string> {
    let token = cache.get(key);
    if (token === undefined) {
      token = fetchToken();
      cache.set(key, token);
      token.catch(() => cache.delete(key));
    }
    return token;
  }

  function citizenToken(bsn: string): Promise<string> {
    return cached(citizenTokens, bsn, async () => {
      const tokens = await citizenLogin({ issuer, redirectUri: `${origin}/auth/callback`, bsn });
      return tokens.access_token;
    });
  }

  async function api<B = any>(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse<B>> {
    const headers = new Headers(options.headers);
    if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
    if (options.idempotencyKey !== undefined) headers.set('idempotency-key', options.idempotencyKey);
    let body: string | undefined;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (options.rawBody !== undefined) body = options.rawBody;
    if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const response = await fetch(`${origin}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const isJson = /^application\/(?:[a-z.+-]+\+)?json\b/i.test(contentType);
    return {
      status: response.status,
      headers: response.headers,
      body: (isJson && text !== '' ? JSON.parse(text) : text) as B,
      text,
    };
  }

  async function reconcile(): Promise<Reconciliation> {
    const response = await api<Reconciliation>('GET', '/v1/admin/reconciliation', {
      token: await token('auditor-demo'),
    });
    if (response.status !== 200) throw new Error(`reconcile: ${response.status} ${response.text}`);
    return response.body;
  }

  return {
    origin,
    issuer,
    dynamoEndpoint,
    tableName,
    citizenTokenKey,
    batchQueue: system.batchQueue,
    token,
    citizenToken,
    api,
    reconcile,
    drainUsageStream: () => system.drainUsageStream(),
    stop: () => system.stop(),
  };
}

/** Valid BSNs are searched for in blocks this far apart, so each seed has a block of its own. */
const bsnBlockSize = 100;
const bsnBase = 100_000_000;
/** The demo BSNs start with 9999; seeds stay well below them. */
const bsnSeedMax = 8_000_000;

/**
 * A BSN that passes the elfproef and belongs to nobody in the demo world: the first valid number
 * at or above `100000000 + seed × 100`. Different seeds give different BSNs, so each test can own
 * its citizens and never touch the demo data.
 */
export function validBsn(seed: number): string {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > bsnSeedMax)
    throw new Error(`validBsn: seed must be a whole number from 0 to ${bsnSeedMax}`);
  const demo = new Set<string>(demoCitizens.map((citizen) => citizen.bsn));
  // Every block of ten numbers with the same first eight digits holds at most one valid BSN,
  // and only one in eleven such blocks holds none, so the search ends well inside the block.
  for (let candidate = bsnBase + seed * bsnBlockSize; candidate < bsnBase + (seed + 1) * bsnBlockSize; candidate += 1) {
    const bsn = String(candidate);
    if (isValidBsn(bsn) && !demo.has(bsn)) return bsn;
  }
  throw new Error(`validBsn: no valid BSN in the block of seed ${seed}`);
}

/** Nine digits that fail the elfproef: a valid BSN with its check digit changed. */
export function bsnFailingElfproef(seed: number): string {
  const valid = validBsn(seed);
  const changed = `${valid.slice(0, 8)}${(Number(valid[8]) + 1) % 10}`;
  if (isValidBsn(changed)) throw new Error('bsnFailingElfproef: changing the check digit kept the BSN valid');
  return changed;
}
