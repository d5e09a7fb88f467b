import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FaultInjector,
  type FaultRates,
  injectFaults,
  parseFaultRates,
} from '../../shared/store/dynamo/fault-injection.ts';
import { isTransientFailure } from '../../shared/store/transient-failure.ts';
import { type TestTable, useTestTable } from '../support/dynamodb.ts';
import { startTestSystem, type TestSystem, validBsn } from '../support/local-system.ts';

/**
 * The fault injection layer on the real SDK client and DynamoDB Local: each kind of fault looks to
 * the SDK and to our code as the real one does (the SDK retries throttles and timeouts, a lost
 * reply follows a write that happened), and through the whole system every fault ends in a 503 the
 * caller can retry, never in a 500 or a hang.
 */

let table: TestTable;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  table = await useTestTable();
  documents = DynamoDBDocumentClient.from(table.client);
});

afterAll(() => {
  table?.client.destroy();
});

afterEach(() => {
  injectFaults(undefined);
});

/** Switches faults on for every local client in this process, and hands back the injector to count them. */
function inject(rates: FaultRates, seed = 7): FaultInjector {
  const injector = new FaultInjector(rates, seed);
  injectFaults(injector);
  return injector;
}

const item = () => ({ pk: `FAULT#${randomUUID()}`, sk: 'ITEM', value: 1 });

async function exists({ pk, sk }: { pk: string; sk: string }): Promise<boolean> {
  injectFaults(undefined);
  const read = await documents.send(
    new GetCommand({ TableName: table.tableName, Key: { pk, sk }, ConsistentRead: true }),
  );
  return read.Item !== undefined;
}

describe('the fault injection layer', () => {
  it('throttles inside the SDK’s retry loop: every attempt meets the fault, and the error is a throttle', async () => {
    const injector = inject({ throttle: 1 });
    const key = item();

    const error = await documents.send(new PutCommand({ TableName: table.tableName, Item: key })).catch((e) => e);

    expect(error.name).toMatch(/^(ProvisionedThroughputExceededException|ThrottlingException)$/);
    expect(error.$metadata.attempts).toBe(3);
    expect(injector.counts().injected.throttle).toBe(3);
    expect(isTransientFailure(error)).toBe(true);
    expect(await exists(key)).toBe(false);
  });

  it('loses the reply of a write that happened: the caller gets a timeout, the item is there', async () => {
    const injector = inject({ 'lost-reply': 1 });
    const key = item();

    const error = await documents.send(new PutCommand({ TableName: table.tableName, Item: key })).catch((e) => e);

    expect(error.name).toBe('TimeoutError');
    expect(injector.counts().injected['lost-reply']).toBe(3);
    expect(await exists(key)).toBe(true);
  });

  it('times out before sending: nothing is written', async () => {
    inject({ timeout: 1 });
    const key = item();

    const error = await documents.send(new PutCommand({ TableName: table.tableName, Item: key })).catch((e) => e);

    expect(error.name).toBe('TimeoutError');
    expect(await exists(key)).toBe(false);
  });

  it('cancels a transaction for a conflict on one of its items, as DynamoDB does, and writes nothing', async () => {
    inject({ conflict: 1 });
    const keys = [item(), item(), item()];

    const error = await documents
      .send(
        new TransactWriteCommand({
          TransactItems: keys.map((Item) => ({ Put: { TableName: table.tableName, Item } })),
        }),
      )
      .catch((e) => e);

    expect(error.name).toBe('TransactionCanceledException');
    const codes = (error.CancellationReasons as Array<{ Code: string }>).map((reason) => reason.Code);
    expect(codes).toHaveLength(3);
    expect(codes.filter((code) => code === 'TransactionConflict')).toHaveLength(1);
    expect(codes.filter((code) => code === 'None')).toHaveLength(2);
    expect(isTransientFailure(error)).toBe(true);
    for (const key of keys) expect(await exists(key)).toBe(false);
  });

  it('never strikes a read with a lost reply, a crash or a conflict: those are about writes', async () => {
    const injector = inject({ 'lost-reply': 1, crash: 1, conflict: 1 });

    const read = await documents.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'NONE', sk: 'NONE' } }));

    expect(read.Item).toBeUndefined();
    expect(injector.counts()).toEqual({
      requests: 1,
      injected: { conflict: 0, throttle: 0, timeout: 0, 'lost-reply': 0, crash: 0 },
    });
  });

  it('makes the same decisions for the same seed, and others for another', () => {
    const decisions = (seed: number) => {
      const injector = new FaultInjector({ conflict: 0.3, throttle: 0.3, crash: 0.1 }, seed);
      return Array.from({ length: 200 }, () => injector.decide('TransactWriteItemsCommand')?.kind ?? '-').join(',');
    };

    expect(decisions(42)).toBe(decisions(42));
    expect(decisions(42)).not.toBe(decisions(43));
  });

  it('reads a FAULTS spec, and refuses one with a typo rather than inject nothing', () => {
    expect(parseFaultRates('conflict:0.1, throttle:0.05,lost-reply:0.02')).toEqual({
      conflict: 0.1,
      throttle: 0.05,
      'lost-reply': 0.02,
    });
    expect(parseFaultRates('')).toEqual({});
    expect(() => parseFaultRates('confict:0.1')).toThrow(/unknown fault "confict"/);
    expect(() => parseFaultRates('throttle:2')).toThrow(/from 0 to 1/);
    expect(() => parseFaultRates('throttle:')).toThrow(/from 0 to 1/);
    expect(() => parseFaultRates('timeout:0.1,timeout:0.2')).toThrow(/named twice/);
  });
});

describe('the API while the database fails', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it.each([
    ['throttles every request', { throttle: 1 }, 7_000],
    ['times out every request', { timeout: 1 }, 7_001],
    ['conflicts on every write', { conflict: 1 }, 7_002],
  ] as const)('answers 503 with Retry-After in bounded time when it %s, and nothing moves', async (_, rates, seed) => {
    const bsn = validBsn(seed);
    const token = await system.token('funder-rijk');
    const body = { bsn, schemeId: 'ontwikkelbudget', amount: 1_000 };
    const idempotencyKey = randomUUID();
    inject(rates);

    const started = performance.now();
    const response = await system.api('POST', '/v1/deposits', { token, body, idempotencyKey });
    const tookMs = performance.now() - started;

    injectFaults(undefined);
    expect(response.status, response.text).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(response.text).not.toMatch(/injected|Exception|Throttl|Timeout/);
    // The SDK's three attempts with back-off, well inside the function's 10 s.
    expect(tookMs).toBeLessThan(9_000);
    // The same request once the database is well again: done once, the money there once.
    const retried = await system.api('POST', '/v1/deposits', { token, body, idempotencyKey });
    expect(retried.status, retried.text).toBe(201);
    const again = await system.api('POST', '/v1/deposits', { token, body, idempotencyKey });
    expect(again.text).toBe(retried.text);
    const account = await system.api('GET', '/v1/me/account', { token: await system.citizenToken(bsn) });
    expect(account.body.pots).toEqual([expect.objectContaining({ schemeId: 'ontwikkelbudget', available: 1_000 })]);
  });
});
