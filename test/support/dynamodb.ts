import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../shared/store/create-table.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the DynamoDB Local started by `dynamodb-global-setup.ts`. */
    dynamoEndpoint: string;
  }
}

/** A fresh table in the shared DynamoDB Local, and a client to reach it. */
export interface TestTable {
  client: DynamoDBClient;
  tableName: string;
  endpoint: string;
}

/**
 * Creates a table with a unique name in the test run's DynamoDB Local. Call it once per test
 * file (in `beforeAll`), so files never see each other's items and can run in parallel against
 * the one shared instance. Destroy the client in `afterAll` when done.
 */
export async function useTestTable(): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const client = dynamoClient(endpoint);
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, tableName, endpoint };
}
