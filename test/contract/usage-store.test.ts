import { DeleteTableCommand, DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noPersons, withPersons } from '../../shared/ledger/person-count.ts';
import { noFlows, type UsageDay } from '../../shared/ledger/usage.ts';
import { ensureTable } from '../../shared/store/create-table.ts';
import { DynamoUsageStore } from '../../shared/store/dynamo/usage-store.ts';
import { MemoryUsageStore } from '../../shared/store/memory/usage-store.ts';
import type { UsageStore } from '../../shared/store/usage-store.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';

/** The usage store's contract, for both adapters. */

let table: TestTable;

beforeAll(async () => {
  table = await useTestTable();
});

afterAll(async () => {
  await table?.client.send(new DeleteTableCommand({ TableName: table.tableName }));
  table?.client.destroy();
});

const day = (date: string, schemeId = 'ontwikkelbudget'): UsageDay => ({
  funderId: 'ocw',
  schemeId,
  day: date,
  flowsCents: { ...noFlows, deposited: 100 },
  persons: noPersons,
});

describe.each([
  ['MemoryUsageStore', (): UsageStore => new MemoryUsageStore()],
  ['DynamoUsageStore', (): UsageStore => new DynamoUsageStore({ client: table.client, tableName: table.tableName })],
])('UsageStore contract: %s', (_name, makeStore) => {
  const suffix = () => Math.random().toString(36).slice(2, 8);

  it('writes a new aggregate once, then only over the version it read', async () => {
    const store = makeStore();
    const schemeId = `s-${suffix()}`;
    const marks = { 'shard-1': { sequenceNumber: '000000000000000000021', markedAt: '2026-05-20T10:00:00.000Z' } };
    expect(await store.putUsageAggregate({ ...day('2026-05-20', schemeId), marks }, 0)).toBe('written');
    expect(await store.putUsageAggregate({ ...day('2026-05-20', schemeId), marks }, 0)).toBe('conflict');
    const stored = await store.getUsageAggregate({ funderId: 'ocw', schemeId, day: '2026-05-20' });
    expect(stored).toEqual({ ...day('2026-05-20', schemeId), marks, version: 1 });
    expect(await store.putUsageAggregate({ ...day('2026-05-20', schemeId), marks: {} }, 2)).toBe('conflict');
    expect(await store.putUsageAggregate({ ...day('2026-05-20', schemeId), marks: {} }, 1)).toBe('written');
    expect((await store.getUsageAggregate({ funderId: 'ocw', schemeId, day: '2026-05-20' }))?.version).toBe(2);
  });

  it('keeps a sketch of persons byte for byte', async () => {
    const store = makeStore();
    const schemeId = `s-${suffix()}`;
    const hashes = Array.from({ length: 70 }, (_, index) => index.toString(16).padStart(16, '0'));
    const persons = withPersons(noPersons, hashes, 64);
    expect(persons.kind).toBe('sketch');
    await store.putUsageAggregate({ ...day('2026-05-20', schemeId), persons, marks: {} }, 0);
    const [stored] = await store.listUsageDays('ocw', schemeId, { from: '2026-05-20', to: '2026-05-20' });
    expect(stored?.persons.kind).toBe('sketch');
    if (stored?.persons.kind === 'sketch' && persons.kind === 'sketch') {
      expect(Buffer.from(stored.persons.registers).equals(Buffer.from(persons.registers))).toBe(true);
    }
  });

  it('lists a scheme’s days from `from` to `to`, both included, by day, and no other scheme’s', async () => {
    const store = makeStore();
    const schemeId = `s-${suffix()}`;
    for (const date of ['2026-05-22', '2026-05-19', '2026-05-20', '2026-05-23']) {
      await store.putUsageAggregate({ ...day(date, schemeId), marks: {} }, 0);
    }
    await store.putUsageAggregate({ ...day('2026-05-21', `${schemeId}-other`), marks: {} }, 0);
    const days = await store.listUsageDays('ocw', schemeId, { from: '2026-05-20', to: '2026-05-22' });
    expect(days.map((listed) => listed.day)).toEqual(['2026-05-20', '2026-05-22']);
  });

  it('keeps the progress per shard', async () => {
    const store = makeStore();
    const shardId = `shard-${suffix()}`;
    expect(await store.getStreamProgress(shardId)).toBeUndefined();
    const progress = {
      shardId,
      completeUpTo: '2026-05-20T10:00:00.000Z',
      lastSequenceNumber: '42',
      closed: false,
      updatedAt: '2026-05-20T10:00:01.000Z',
    };
    await store.putStreamProgress(progress);
    await store.putStreamProgress({ ...progress, closed: true });
    expect(await store.getStreamProgress(shardId)).toEqual({ ...progress, closed: true });
    expect(await store.listStreamProgress()).toContainEqual({ ...progress, closed: true });
  });
});

describe('ensureTable and the change stream', () => {
  it('creates the table with its NEW_IMAGE stream, and turns the stream on for a table that lost it', async () => {
    const describeStream = async () =>
      (await table.client.send(new DescribeTableCommand({ TableName: table.tableName }))).Table?.StreamSpecification;
    expect(await describeStream()).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    await table.client.send(
      new UpdateTableCommand({ TableName: table.tableName, StreamSpecification: { StreamEnabled: false } }),
    );
    expect((await describeStream())?.StreamEnabled).not.toBe(true);
    await ensureTable(table.client, table.tableName);
    expect(await describeStream()).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  });
});
