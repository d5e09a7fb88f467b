import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { faultInjectionPlugin } from './dynamo/fault-injection.ts';

/**
 * The region every local DynamoDB client uses. DynamoDB Local ignores it for routing, but it
 * keeps tables apart per region when `-sharedDb` is off, and the SDK refuses to sign without one.
 */
export const localRegion = 'eu-west-1';

/**
 * Credentials for DynamoDB Local. It accepts any key, so fixed dummy values keep local runs
 * from ever picking up (and depending on) a developer's real AWS credentials.
 */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * How the SDK talks to DynamoDB, set explicitly rather than left to defaults that wait for ever (Node's
 * HTTP handler has no request timeout of its own). An API function has `apiFunctionTimeoutMs` to
 * answer; three attempts of at most `requestTimeoutMs` each, with the SDK's back-off between
 * them, fit well inside it, so a database that does not answer becomes an error the handler can
 * turn into a 503 in time, rather than a Lambda timeout.
 *
 * Locally the request timeout is much longer. DynamoDB Local on a busy two-core machine sometimes
 * takes seconds over a request, and a timeout there is followed by a retry while the first request
 * still runs: with 4 s, a loaded test run once spiralled into requests that all timed out. The API's
 * answers stay bounded all the same: a handler answers 503 at its deadline, whatever the SDK waits.
 */
export const dynamoTimeouts = {
  aws: { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, attemptsMax: 3 },
  local: { connectionTimeoutMs: 1_000, requestTimeoutMs: 10_000, attemptsMax: 3 },
} as const;

/** Builds a client with the given timeouts; `extra` is the endpoint, region and credentials for a local one. */
function clientWith(
  timeouts: (typeof dynamoTimeouts)[keyof typeof dynamoTimeouts],
  extra: ConstructorParameters<typeof DynamoDBClient>[0] = {},
): DynamoDBClient {
  return new DynamoDBClient({
    ...extra,
    maxAttempts: timeouts.attemptsMax,
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Without this the handler only logs a warning when the time is up and goes on waiting: a
      // frozen database then holds the request until the Lambda dies (found by freezing DynamoDB Local).
      throwOnRequestTimeout: true,
    },
  });
}

/**
 * Builds a DynamoDB client.
 *
 * @param endpoint - The URL of a DynamoDB Local instance, such as `http://127.0.0.1:8000`. When
 *   undefined, the client talks to AWS itself, with region and credentials from the default
 *   provider chain (environment, profile, or the Lambda execution role).
 * @returns A client that the caller owns; call `destroy()` when done to free its sockets. A local
 *   client carries the fault injection layer, which does nothing until faults are switched on.
 */
export function dynamoClient(endpoint?: string): DynamoDBClient {
  if (endpoint === undefined) {
    return clientWith(dynamoTimeouts.aws);
  }
  const client = clientWith(dynamoTimeouts.local, { endpoint, region: localRegion, credentials: localCredentials });
  client.middlewareStack.use(faultInjectionPlugin);
  return client;
}
