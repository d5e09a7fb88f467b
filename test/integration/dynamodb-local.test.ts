import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { ensureTable } from '../../shared/store/create-table.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';

/** Instances a test started, stopped afterwards even when the test fails halfway. */
const started: DynamoDbLocal[] = [];
/** Clients a test made, destroyed afterwards so no sockets linger. */
const clients: DynamoDBClient[] = [];

async function start(options: Parameters<typeof startDynamoDbLocal>[0]): Promise<DynamoDbLocal> {
  const instance = await startDynamoDbLocal(options);
  started.push(instance);
  return instance;
}

function clientFor(endpoint: string): DynamoDBClient {
  const client = dynamoClient(endpoint);
  clients.push(client);
  return client;
}

/**
 * Timeout for a test that starts DynamoDB Local itself: each start may take up to its own
 * 30-second limit on a busy machine, and the slowest test starts two in a row.
 */
const startingTestTimeoutMs = 90_000;

afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.stop()));
  for (const client of clients.splice(0)) {
    client.destroy();
  }
});

/** A client that tries once, so "not answering" shows up at once instead of after retries. */
async function answers(endpoint: string): Promise<boolean> {
  const client = clientFor(endpoint);
  client.config.maxAttempts = async () => 1;
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  }
}

describe('startDynamoDbLocal', { timeout: startingTestTimeoutMs }, () => {
  let dataRoot: string;

  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'leerrekening-dynamodb-'));
  });

  afterAll(async () => {
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('answers on its endpoint after start and no longer after stop', async () => {
    const dynamo = await start({});

    expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
    expect(await answers(dynamo.endpoint)).toBe(true);

    await dynamo.stop();

    expect(await answers(dynamo.endpoint)).toBe(false);
    // A second stop is harmless, so cleanup code need not track whether it already ran.
    await expect(dynamo.stop()).resolves.toBeUndefined();
  });

  it('gives two instances started together different ports', async () => {
    const [first, second] = await Promise.all([start({}), start({})]);

    expect(first.port).not.toBe(second.port);
    expect(await answers(first.endpoint)).toBe(true);
    expect(await answers(second.endpoint)).toBe(true);
  });

  it('keeps tables and items in its data directory across a stop and start', async () => {
    // A folder that does not exist yet, to show it is created.
    const dataDirectory = path.join(dataRoot, 'not', 'yet', 'there');
    const tableName = 'leerrekening';
    const key = { pk: { S: 'PERSON#p-1' }, sk: { S: 'POT#f-1#s-1#2030-12-31' } };

    const before = await start({ dataDirectory });
    const writer = clientFor(before.endpoint);
    await ensureTable(writer, tableName);
    await writer.send(new PutItemCommand({ TableName: tableName, Item: { ...key, balanceCents: { N: '12345' } } }));
    await before.stop();

    const after = await start({ dataDirectory });
    const reader = clientFor(after.endpoint);
    const { TableNames } = await reader.send(new ListTablesCommand({}));
    const { Item } = await reader.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }));

    expect(TableNames).toEqual([tableName]);
    expect(Item).toEqual({ ...key, balanceCents: { N: '12345' } });
  });

  it('rejects with install instructions when java is not on the PATH', async () => {
    vi.stubEnv('PATH', path.join(dataRoot, 'no-java-here'));
    try {
      await expect(start({})).rejects.toThrow(
        'Java 17 or newer is needed to run DynamoDB Local. Install it, for example: ' +
          'sudo apt-get install -y openjdk-17-jre-headless (Debian/Ubuntu) or ' +
          'brew install openjdk@17 (macOS).',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('rejects a port outside 1 to 65535 before starting anything', async () => {
    await expect(start({ port: 70_000 })).rejects.toThrow(RangeError);
  });
});

describe('ensureTable', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await useTestTable();
  });

  afterAll(() => {
    table.client.destroy();
  });

  it('gives each caller of useTestTable an ACTIVE table of its own', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('creates a table once when called concurrently and again afterwards', async () => {
    const tableName = `${table.tableName}-idempotent`;

    await Promise.all([
      ensureTable(table.client, tableName),
      ensureTable(table.client, tableName),
      ensureTable(table.client, tableName),
    ]);
    await ensureTable(table.client, tableName);

    const { TableNames } = await table.client.send(new ListTablesCommand({}));
    expect(TableNames?.filter((name) => name === tableName)).toEqual([tableName]);
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });

  it('keeps existing items when called on a table that already exists', async () => {
    const key = { pk: { S: 'CLIENT#c-1' }, sk: { S: 'CLIENT' } };
    await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: key }));

    await ensureTable(table.client, table.tableName);

    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
    );
    expect(Item).toEqual(key);
  });
});
