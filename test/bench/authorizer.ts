/**
 * Table reads in the authorizer per business request: the authorizer's decisions
 * (`createAuthorizer`) over the deployed client registry (`CLIENT#` items read through the
 * DynamoDB store, behind `cachedClientRegistry` with the deployed bound), on a client that counts
 * every request and its consumed capacity. The token verification is a stand-in that names the
 * client: it reads no table, and what is counted here is the table.
 *
 * One warm instance serves `requestsCount` requests from `clientsCount` business clients in turn,
 * `requestSpacingMs` apart on a simulated clock (so the run spans several cache periods), the way
 * a busy instance sees them.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAuthorizer } from '../../functions/authorizer/authorize.ts';
import { cachedClientRegistry } from '../../shared/auth/cached-client-registry.ts';
import type { TokenVerifier } from '../../shared/auth/token-verifier.ts';
import { clientRegistryCacheEntriesMax, clientRegistryCacheMsDefault } from '../../shared/store/client-registry.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { round } from './in-flight.ts';
import { instrument } from './use-case-cost.ts';

export const authorizerRequestsCount = 2_000;
const clientsCount = 5;
/** 2,000 requests 50 ms apart: 100 s, a little over three cache periods of 30 s. */
const requestSpacingMs = 50;

export interface AuthorizerFigures {
  readonly requests: number;
  readonly clients: number;
  readonly cacheMs: number;
  readonly spanSeconds: number;
  readonly tableRequests: number;
  readonly reportedRcu: number;
  /** Reported read units divided by the requests authorized. */
  readonly rcuPerRequest: number;
}

export async function measureAuthorizer(
  client: DynamoDBClient,
  tableName: string,
  personIdSecret: string,
): Promise<AuthorizerFigures> {
  const store = new DynamoLedgerStore({ client, tableName });
  const clientIds = Array.from({ length: clientsCount }, (_, index) => `bench-employer-${index}`);
  for (const [index, clientId] of clientIds.entries()) {
    await store.putClient({
      clientId,
      role: 'employer',
      orgId: String(90_000_000 + index),
      orgName: `Bench Werkgever ${index}`,
      funderType: 'employer',
      status: 'active',
    });
  }
  const counter = instrument(client);
  counter.take();

  let nowMs = Date.parse('2026-06-01T09:00:00Z');
  const verifier: TokenVerifier = { verify: async (token) => ({ kind: 'client', clientId: token }) };
  const authorize = createAuthorizer({
    verifier,
    clients: cachedClientRegistry(
      { get: (clientId) => store.getClient(clientId) },
      { maxAgeMs: clientRegistryCacheMsDefault, maxEntries: clientRegistryCacheEntriesMax, now: () => new Date(nowMs) },
    ),
    personIdSecret,
  });
  for (let request = 0; request < authorizerRequestsCount; request += 1) {
    const clientId = clientIds[request % clientsCount] as string;
    const context = await authorize(`Bearer ${clientId}`, { resource: '/v1/schemes', httpMethod: 'GET' });
    if (context.role !== 'employer') throw new Error(`bench: the authorizer answered ${JSON.stringify(context)}`);
    nowMs += requestSpacingMs;
  }
  const { requests } = counter.take();
  const reportedRcu = requests.reduce((sum, entry) => sum + entry.reportedUnits, 0);
  return {
    requests: authorizerRequestsCount,
    clients: clientsCount,
    cacheMs: clientRegistryCacheMsDefault,
    spanSeconds: (authorizerRequestsCount * requestSpacingMs) / 1000,
    tableRequests: requests.length,
    reportedRcu: round(reportedRcu),
    rcuPerRequest: Number((reportedRcu / authorizerRequestsCount).toPrecision(3)),
  };
}
