import { randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { handler as usageAggregator } from '../../functions/usage-aggregator/handler.ts';
import { toLambdaRecord } from '../../infra/local/usage-stream-reader.ts';
import type { usageReportView } from '../../shared/api/usage-view.ts';
import type { Claim } from '../../shared/api/views.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { usageStreamRecordOf } from '../../shared/store/dynamo/usage-stream.ts';
import { dynamoClient, localCredentials, localRegion } from '../../shared/store/dynamo-client.ts';
import {
  type ApiResponse,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

/**
 * The usage report through the real local system: movements made through the API, the stream
 * reader counting them into the daily aggregates on DynamoDB Local, and the report read back.
 * Every scheme here is the test's own (a fresh id), so the demo world's movements never count.
 * Tests wait for the reader with `drainUsageStream`, never on time.
 */

type UsageReport = z.output<typeof usageReportView>;
type UsageItem = UsageReport['items'][number];

let system: TestSystem;
const today = dateOf(new Date());
/** Claims start a week ago, so evidence dated today lies between start and today. */
const startDate = addDays(today, -7);

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function givenScheme(client: DemoClientId, overrides: Record<string, unknown> = {}): Promise<string> {
  const schemeId = `usage-${randomUUID().slice(0, 8)}`;
  const response = await system.api('POST', '/v1/schemes', {
    token: await system.token(client),
    body: { schemeId, label: `Usage ${schemeId}`, expiresAfterMonths: 12, ...overrides },
  });
  expect(response.status, response.text).toBe(201);
  return schemeId;
}

async function deposit(client: DemoClientId, bsn: string, schemeId: string, amount: number): Promise<void> {
  const response = await system.api('POST', '/v1/deposits', {
    token: await system.token(client),
    body: { bsn, schemeId, amount },
    idempotencyKey: randomUUID(),
  });
  expect(response.status, response.text).toBe(201);
}

async function post(client: DemoClientId | { citizen: string }, path: string, body?: unknown): Promise<ApiResponse> {
  const token = typeof client === 'string' ? await system.token(client) : await system.citizenToken(client.citizen);
  const response = await system.api('POST', path, {
    token,
    idempotencyKey: randomUUID(),
    ...(body !== undefined && { body }),
  });
  expect(response.status, `${path}: ${response.text}`).toBeLessThan(300);
  return response;
}

/** A claim for a fresh course, approved by the citizen: money reserved. */
async function approvedClaim(bsn: string, amount: number): Promise<Claim> {
  const courseId = `usage-${randomUUID().slice(0, 8)}`;
  const course = await system.api('POST', '/v1/courses', {
    token: await system.token('provider-demo'),
    body: { courseId, title: `Cursus ${courseId}`, category: 'techniek', price: amount },
  });
  expect(course.status, course.text).toBe(201);
  const claim = await post('provider-demo', '/v1/claims', { bsn, courseId, amount, startDate });
  const approved = await post({ citizen: bsn }, `/v1/me/claims/${(claim.body as Claim).claimId}/approve`);
  return approved.body as Claim;
}

async function report(client: DemoClientId | string, query: string): Promise<ApiResponse<UsageReport>> {
  const token = /^\d{9}$/.test(client) ? await system.citizenToken(client) : await system.token(client);
  return system.api<UsageReport>('GET', `/v1/reports/usage${query}`, { token });
}

async function todaysItem(client: DemoClientId, schemeId: string): Promise<UsageItem | undefined> {
  await system.drainUsageStream();
  const response = await report(client, `?from=${today}&to=${today}`);
  expect(response.status, response.text).toBe(200);
  return response.body.items.find((item) => item.schemeId === schemeId);
}

describe('GET /v1/reports/usage', () => {
  it('adds up the period’s flows per scheme: deposits, reservations, releases, captures, revocations', async () => {
    const before = new Date().toISOString();
    const schemeId = await givenScheme('funder-rijk');
    const [a, b, c] = [validBsn(7001), validBsn(7002), validBsn(7003)];
    await deposit('funder-rijk', a, schemeId, 10_000);
    await deposit('funder-rijk', b, schemeId, 20_000);
    await deposit('funder-rijk', c, schemeId, 30_000);
    // Reserve 5,000 and capture 3,000 of it (the other 2,000 is released); reserve 4,000 and cancel it.
    const captured = await approvedClaim(a, 5_000);
    await post('provider-demo', `/v1/claims/${captured.claimId}/capture`, {
      amount: 3_000,
      evidence: { kind: 'attendance', date: today },
    });
    const cancelled = await approvedClaim(b, 4_000);
    await post('provider-demo', `/v1/claims/${cancelled.claimId}/cancel`);

    // The employer's revocable scheme: what is left when employment ends goes back (returned).
    const employerScheme = await givenScheme('employer-demo', { revocable: true });
    const employee = validBsn(7004);
    await post('employer-demo', '/v1/employees', { bsn: employee, startDate: addDays(today, -30) });
    await deposit('employer-demo', employee, employerScheme, 7_000);
    await post('employer-demo', '/v1/employees/end', { bsn: employee, endDate: today });

    expect(await todaysItem('funder-rijk', schemeId)).toEqual({
      schemeId,
      label: `Usage ${schemeId}`,
      deposited: 60_000,
      reserved: 9_000,
      released: 6_000,
      spent: 3_000,
      expired: 0,
      returned: 0,
      persons: null,
    });
    expect(await todaysItem('employer-demo', employerScheme)).toMatchObject({
      deposited: 7_000,
      reserved: 0,
      returned: 7_000,
    });
    const response = await report('funder-rijk', `?from=${today}&to=${today}`);
    expect(response.body).toMatchObject({ from: today, to: today });
    // Complete up to at least the last movement, never in the future.
    expect(response.body.asOf).not.toBeNull();
    expect(response.body.asOf! >= before).toBe(true);
    expect(response.body.asOf! <= new Date().toISOString()).toBe(true);
    expect((await system.reconcile()).balanced).toBe(true);
  });

  it('counts nothing outside the period, and shows every own scheme, with zeros where nothing moved', async () => {
    const quiet = await givenScheme('funder-rijk');
    const busy = await givenScheme('funder-rijk');
    await deposit('funder-rijk', validBsn(7010), busy, 1_234);
    await system.drainUsageStream();
    const yesterday = addDays(today, -1);
    const past = await report('funder-rijk', `?from=${addDays(today, -300)}&to=${yesterday}`);
    expect(past.status, past.text).toBe(200);
    expect(past.body.items.find((item) => item.schemeId === busy)).toMatchObject({ deposited: 0, persons: null });
    const now = await report('funder-rijk', `?from=${yesterday}&to=${addDays(today, 1)}`);
    expect(now.body.items.find((item) => item.schemeId === busy)).toMatchObject({ deposited: 1_234 });
    expect(now.body.items.find((item) => item.schemeId === quiet)).toEqual({
      schemeId: quiet,
      label: `Usage ${quiet}`,
      deposited: 0,
      reserved: 0,
      released: 0,
      spent: 0,
      expired: 0,
      returned: 0,
      persons: null,
    });
  });

  it('shows persons only from ten on: nine persons are null, ten are 10', async () => {
    const schemeId = await givenScheme('funder-sector-demo');
    // Nine persons, one of them twice: still nine.
    for (let seed = 7100; seed < 7109; seed += 1) await deposit('funder-sector-demo', validBsn(seed), schemeId, 100);
    await deposit('funder-sector-demo', validBsn(7100), schemeId, 100);
    expect(await todaysItem('funder-sector-demo', schemeId)).toMatchObject({ deposited: 1_000, persons: null });
    await deposit('funder-sector-demo', validBsn(7109), schemeId, 100);
    expect(await todaysItem('funder-sector-demo', schemeId)).toMatchObject({ deposited: 1_100, persons: 10 });
  });

  it('counts a replayed stream record once', async () => {
    const schemeId = await givenScheme('funder-rijk');
    await deposit('funder-rijk', validBsn(7200), schemeId, 4_321);
    expect(await todaysItem('funder-rijk', schemeId)).toMatchObject({ deposited: 4_321 });

    // The deposit's stream record, delivered to the handler again twice, as Lambda may on a retry.
    const { shardId, record } = await streamRecordOfScheme(schemeId);
    const event = { Records: [record], shardId, eventSourceARN: 'local' };
    expect(await usageAggregator(event)).toEqual({ batchItemFailures: [], state: {} });
    expect(await usageAggregator(event)).toEqual({ batchItemFailures: [], state: {} });
    expect(await todaysItem('funder-rijk', schemeId)).toMatchObject({ deposited: 4_321 });
  });

  it('shows an employer or a funder its own schemes only', async () => {
    const funderScheme = await givenScheme('funder-rijk');
    const employerScheme = await givenScheme('employer-demo');
    for (const [client, own, other] of [
      ['employer-demo', employerScheme, funderScheme],
      ['funder-rijk', funderScheme, employerScheme],
    ] as const) {
      const response = await report(client, `?from=${today}&to=${today}`);
      expect(response.status, response.text).toBe(200);
      const schemes = await system.api('GET', '/v1/schemes?limit=200', { token: await system.token(client) });
      const ownIds = (schemes.body.items as Array<{ schemeId: string }>).map((scheme) => scheme.schemeId).sort();
      expect(response.body.items.map((item) => item.schemeId).sort()).toEqual(ownIds);
      expect(ownIds).toContain(own);
      expect(ownIds).not.toContain(other);
    }
  });

  it.each(['provider-demo', 'auditor-demo'] as const)('refuses a %s with 403', async (client) => {
    const response = await report(client, `?from=${today}&to=${today}`);
    expect(response.status, response.text).toBe(403);
  });

  it('refuses a citizen: its token is no credential for a business route (401, as on every such route)', async () => {
    const response = await report(validBsn(7300), `?from=${today}&to=${today}`);
    expect(response.status, response.text).toBe(401);
  });

  it('refuses a request without a token with 401', async () => {
    const response = await system.api('GET', `/v1/reports/usage?from=${today}&to=${today}`);
    expect(response.status).toBe(401);
  });

  it.each([
    ['to before from', '?from=2026-03-02&to=2026-03-01', 'to may not be before from.'],
    ['more than 366 days', '?from=2025-01-01&to=2026-01-03', 'to may be at most 366 days after from.'],
    ['a date that does not exist', '?from=2026-02-30&to=2026-03-01', 'Use a real date as YYYY-MM-DD.'],
    ['no date format', '?from=1-1-2026&to=2026-03-01', 'Use a real date as YYYY-MM-DD.'],
    ['no to', '?from=2026-03-01', undefined],
    ['an unknown parameter', '?from=2026-03-01&to=2026-03-02&scheme=x', undefined],
  ])('answers 400 validation_failed for %s', async (_name, query, message) => {
    const response = await report('funder-rijk', query);
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'validation_failed', status: 400 });
    if (message !== undefined) {
      expect((response.body as unknown as { errors: unknown[] }).errors).toContainEqual(
        expect.objectContaining({ message }),
      );
    }
  });

  it('takes a period of exactly 366 days', async () => {
    const response = await report('funder-rijk', '?from=2027-01-01&to=2028-01-02');
    expect(response.status, response.text).toBe(200);
  });
});

/** The stream record, in Lambda's form, of the one movement of `schemeId`, read from DynamoDB Local's stream. */
async function streamRecordOfScheme(schemeId: string) {
  const client = dynamoClient(system.dynamoEndpoint);
  const streams = new DynamoDBStreamsClient({
    endpoint: system.dynamoEndpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: system.tableName }));
    const StreamArn = Table?.LatestStreamArn;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      while (ShardIterator !== undefined) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1_000 }));
        for (const raw of page.Records ?? []) {
          const record = toLambdaRecord(raw);
          if (usageStreamRecordOf(record).transfers.some((transfer) => transfer.schemeId === schemeId)) {
            return { shardId: shard.ShardId as string, record };
          }
        }
        if ((page.Records ?? []).length === 0) break;
        ShardIterator = page.NextShardIterator;
      }
    }
    throw new Error(`no stream record of scheme ${schemeId}`);
  } finally {
    streams.destroy();
    client.destroy();
  }
}
