import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from './table-definition.ts';

/**
 * How long to wait for a new table to become ACTIVE. DynamoDB Local is ready at once; AWS
 * usually needs seconds for an on-demand table, so a minute leaves a wide margin while still
 * failing a stuck run instead of hanging it.
 */
const tableActiveWaitSeconds = 60;

/** First pause between status checks; short because DynamoDB Local is usually done already. */
const tableStatusPollSecondsMin = 0.1;

/** Longest pause between status checks, so a slow AWS creation is not hammered. */
const tableStatusPollSecondsMax = 2;

/**
 * Makes sure the application table exists and is ACTIVE, creating it from `tableDefinition`
 * (string `pk` and `sk`, on-demand billing, the change stream) when it is missing. A table made
 * before it had a stream (local data kept in `.data/dynamodb`) gets its stream turned on.
 *
 * Safe to call repeatedly and concurrently: a creation that loses the race to another caller
 * (`ResourceInUseException`) simply waits for the winner's table.
 *
 * @param client - A client for DynamoDB Local or AWS.
 * @param tableName - The table to ensure.
 * @throws When the table exists with other keys than `tableDefinition` says, or does not become
 *   ACTIVE within the wait limit.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await describeTable(client, tableName);
  if (existing !== undefined) {
    assertKeysMatch(existing, tableName);
    if (!hasStream(existing)) {
      await enableStream(client, tableName, existing);
    } else if (existing.TableStatus === 'ACTIVE') {
      return;
    }
  } else {
    await createTable(client, tableName);
  }
  const outcome = await waitUntilTableExists(
    {
      client,
      maxWaitTime: tableActiveWaitSeconds,
      minDelay: tableStatusPollSecondsMin,
      maxDelay: tableStatusPollSecondsMax,
    },
    { TableName: tableName },
  );
  // The waiter throws on timeout and failure already; this guards the one remaining outcome
  // (an abort, which nothing here triggers) so a non-ACTIVE table can never pass silently.
  if (outcome.state !== 'SUCCESS') {
    throw new Error(`Table ${tableName} did not become ACTIVE: ${outcome.state}.`);
  }
}

/** Returns the table's description, or undefined when it does not exist. */
async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return undefined;
    }
    throw error;
  }
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: tableDefinition.partitionKey, AttributeType: 'S' },
          { AttributeName: tableDefinition.sortKey, AttributeType: 'S' },
          ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [
            { AttributeName: index.partitionKey, AttributeType: 'S' as const },
            { AttributeName: index.sortKey, AttributeType: 'S' as const },
          ]),
        ],
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
            { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
          ],
          Projection:
            index.projectedAttributes === 'all'
              ? { ProjectionType: 'ALL' as const }
              : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projectedAttributes] },
        })),
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: streamSpecification,
      }),
    );
  } catch (error) {
    // Another caller created it between our describe and create; its table is the same one.
    if (!(error instanceof ResourceInUseException)) {
      throw error;
    }
  }
}

/** The change stream as `tableDefinition` has it. */
const streamSpecification = { StreamEnabled: true, StreamViewType: tableDefinition.stream } as const;

/** True when the table's change stream is on with the view `tableDefinition` names. */
function hasStream(table: TableDescription): boolean {
  return (
    table.StreamSpecification?.StreamEnabled === true &&
    table.StreamSpecification.StreamViewType === tableDefinition.stream
  );
}

/**
 * Turns the change stream on for a table that has none, or one with another view (which is first
 * turned off, since a table has one stream at a time). A stream starts empty: the usage aggregates
 * count what moves from then on, never what moved before.
 */
async function enableStream(client: DynamoDBClient, tableName: string, table: TableDescription): Promise<void> {
  if (table.StreamSpecification?.StreamEnabled === true) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }));
  }
  await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: streamSpecification }));
}

/**
 * Fails loudly on a table left over with another key layout (say, from an older local data
 * folder), because every read and write would otherwise fail later with a less clear error.
 */
function assertKeysMatch(table: TableDescription, tableName: string): void {
  const keyOf = (keyType: 'HASH' | 'RANGE'): string | undefined =>
    table.KeySchema?.find((key) => key.KeyType === keyType)?.AttributeName;
  const partitionKey = keyOf('HASH');
  const sortKey = keyOf('RANGE');
  const indexes = (table.GlobalSecondaryIndexes ?? [])
    .map((index) => index.IndexName)
    .sort()
    .join(',');
  const expectedIndexes = tableDefinition.globalSecondaryIndexes
    .map((index) => index.indexName)
    .sort()
    .join(',');
  if (
    partitionKey !== tableDefinition.partitionKey ||
    sortKey !== tableDefinition.sortKey ||
    indexes !== expectedIndexes
  ) {
    throw new Error(
      `Table ${tableName} exists with keys (${partitionKey}, ${sortKey}) and indexes [${indexes}] but ` +
        `(${tableDefinition.partitionKey}, ${tableDefinition.sortKey}) and [${expectedIndexes}] are expected. ` +
        'Delete the table (or the local data folder) so it can be created again.',
    );
  }
}
