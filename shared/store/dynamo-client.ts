import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

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
 * Attempts per request against DynamoDB Local. It never throttles, so the only failures worth
 * retrying are a brief hiccup while it is busy; three attempts (the SDK's own default, stated
 * here so it is a decision and not an accident) cover that without hiding a dead server.
 */
const localAttemptsMax = 3;

/**
 * Builds a DynamoDB client.
 *
 * @param endpoint - The URL of a DynamoDB Local instance, such as `http://127.0.0.1:8000`. When
 *   undefined, the client talks to AWS itself, with region and credentials from the default
 *   provider chain (environment, profile, or the Lambda execution role).
 * @returns A client that the caller owns; call `destroy()` when done to free its sockets.
 */
export function dynamoClient(endpoint?: string): DynamoDBClient {
  if (endpoint === undefined) {
    return new DynamoDBClient({});
  }
  return new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    maxAttempts: localAttemptsMax,
  });
}
