import { DynamoUsageStore } from '../store/dynamo/usage-store.ts';
import { dynamoClient } from '../store/dynamo-client.ts';
import { defaultTableName } from '../store/table-definition.ts';
import type { UsageStore } from '../store/usage-store.ts';

/**
 * The usage report's store for this process, built on first use and reused across invocations;
 * kept apart from `environment.ts` because only the usage aggregator and the report use it.
 */
let store: UsageStore | undefined;

export function usageStoreFromEnvironment(): UsageStore {
  if (store === undefined) {
    const client = dynamoClient(process.env['DYNAMODB_ENDPOINT']);
    store = new DynamoUsageStore({ client, tableName: process.env['TABLE_NAME'] ?? defaultTableName });
  }
  return store;
}
