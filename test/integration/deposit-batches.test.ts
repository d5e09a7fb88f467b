import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/api/views.ts';
import {
  type ApiResponse,
  bsnFailingElfproef,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

/**
 * Deposit batches through the real local system: the upload handler, the worker on the in-process
 * queue with SQS's semantics, and DynamoDB Local. Every citizen is the test's own (`validBsn`).
 */

interface BatchView {
  batchId: string;
  status: 'processing' | 'done';
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  amountSucceeded: number;
  errors: Array<{ row: number; code: string; message: string }>;
  nextCursor?: string;
}

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

// After every batch, once the worker is done, the ledger still sums to zero with every account as stored.
afterEach(async () => {
  await system.batchQueue.idle();
  expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
});

type Row = { bsn: unknown; schemeId: unknown; amount: unknown; reference?: unknown } | Record<string, unknown>;

async function sendBatch(
  clientId: DemoClientId,
  rows: readonly Row[],
  idempotencyKey: string = randomUUID(),
): Promise<ApiResponse<{ batchId: string; total: number }>> {
  return system.api('POST', '/v1/deposit-batches', {
    token: await system.token(clientId),
    body: { rows },
    idempotencyKey,
  });
}

async function sendCsv(
  clientId: DemoClientId,
  csv: string,
  idempotencyKey: string = randomUUID(),
): Promise<ApiResponse<{ batchId: string; total: number }>> {
  return system.api('POST', '/v1/deposit-batches', {
    token: await system.token(clientId),
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
    idempotencyKey,
  });
}

async function batchOf(clientId: DemoClientId, batchId: string, query = ''): Promise<ApiResponse<BatchView>> {
  return system.api('GET', `/v1/deposit-batches/${batchId}${query}`, { token: await system.token(clientId) });
}

/** Waits until the worker has handled every message, then reads the batch. */
async function finished(clientId: DemoClientId, batchId: string): Promise<BatchView> {
  await system.batchQueue.idle();
  const response = await batchOf(clientId, batchId, '?limit=200');
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function availableIn(bsn: string, schemeId: string): Promise<number> {
  const response = await system.api<Account>('GET', '/v1/me/account', { token: await system.citizenToken(bsn) });
  expect(response.status, response.text).toBe(200);
  return response.body.pots.filter((pot) => pot.schemeId === schemeId).reduce((sum, pot) => sum + pot.available, 0);
}

async function givenScheme(clientId: DemoClientId, scheme: Record<string, unknown>): Promise<void> {
  const response = await system.api('POST', '/v1/schemes', { token: await system.token(clientId), body: scheme });
  expect(response.status, response.text).toBe(201);
}

describe('POST /v1/deposit-batches', () => {
  it('pays every good row once and reports each bad row by position and code', async () => {
    const schemeId = 'batch-mixed';
    await givenScheme('funder-rijk', { schemeId, label: 'Batch mixed', expiresAfterMonths: 24 });
    const good = [validBsn(9_000), validBsn(9_001), validBsn(9_002)];
    const rows: Row[] = [
      { bsn: good[0], schemeId, amount: 10_000, reference: 'r1' },
      { bsn: bsnFailingElfproef(9_003), schemeId, amount: 10_000 },
      { bsn: good[1], schemeId, amount: 12.5 },
      { bsn: good[1], schemeId, amount: 20_000 },
      { bsn: good[2], schemeId: 'no-such-scheme', amount: 5_000 },
      { bsn: good[2], schemeId, amount: '5000' },
      { bsn: good[2], schemeId, amount: -1 },
      { bsn: good[2], schemeId, amount: 30_000 },
      { bsn: good[0], schemeId, amount: 1 },
    ];
    const sent = await sendBatch('funder-rijk', rows);
    expect(sent.status, sent.text).toBe(202);
    expect(sent.body.total).toBe(rows.length);
    expect(sent.headers.get('location')).toBe(`/v1/deposit-batches/${sent.body.batchId}`);

    const batch = await finished('funder-rijk', sent.body.batchId);
    expect(batch).toMatchObject({
      status: 'done',
      total: 9,
      processed: 9,
      succeeded: 4,
      failed: 5,
      amountSucceeded: 60_001,
    });
    expect(batch.errors.map(({ row, code }) => ({ row, code }))).toEqual([
      { row: 2, code: 'unknown_person' },
      { row: 3, code: 'validation_failed' },
      { row: 5, code: 'unknown_scheme' },
      { row: 6, code: 'validation_failed' },
      { row: 7, code: 'validation_failed' },
    ]);
    for (const error of batch.errors) {
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.message).not.toMatch(/[0-9]{9}/);
    }
    expect(await availableIn(good[0] as string, schemeId)).toBe(10_001);
    expect(await availableIn(good[1] as string, schemeId)).toBe(20_000);
    expect(await availableIn(good[2] as string, schemeId)).toBe(30_000);
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });
});

describe('CSV as spreadsheets save it', () => {
  const schemeId = 'batch-csv';
  beforeAll(async () => {
    await givenScheme('funder-rijk', { schemeId, label: 'Batch CSV', expiresAfterMonths: 24 });
  });

  const dialects: Array<{ name: string; csv: (bsns: string[]) => string; amounts: number[] }> = [
    {
      name: 'comma, LF, no BOM',
      csv: ([a, b]) => `bsn,schemeId,amount\n${a},${schemeId},1000\n${b},${schemeId},2000\n`,
      amounts: [1_000, 2_000],
    },
    {
      name: 'semicolon, CRLF, BOM, a Dutch spreadsheet with blank rows below',
      csv: ([a, b]) =>
        `\ufeffbsn;schemeId;amount;reference\r\n${a};${schemeId};1500;Ronde 1\r\n` +
        `${b};${schemeId};2500;\r\n;;;\r\n;;;\r\n`,
      amounts: [1_500, 2_500],
    },
    {
      name: 'columns in another order, header in capitals, quoted fields with separators and quotes',
      csv: ([a, b]) =>
        `Amount;REFERENCE;schemeid;BSN\r\n3000;"Team ""Noord""; ronde 2";${schemeId};${a}\r\n` +
        `"4000";"Regel, met; tekens";"${schemeId}";"${b}"`,
      amounts: [3_000, 4_000],
    },
  ];
  dialects.forEach((dialect, index) => {
    it(`reads ${dialect.name}`, async () => {
      const bsns = [validBsn(9_100 + index * 2), validBsn(9_101 + index * 2)];
      const sent = await sendCsv('funder-rijk', dialect.csv(bsns));
      expect(sent.status, sent.text).toBe(202);
      expect(sent.body.total).toBe(2);
      const batch = await finished('funder-rijk', sent.body.batchId);
      expect(batch).toMatchObject({ status: 'done', succeeded: 2, failed: 0, errors: [] });
      for (const [position, bsn] of bsns.entries()) {
        expect(await availableIn(bsn, schemeId)).toBe(dialect.amounts[position]);
      }
    });
  });

  it('refuses a row with the wrong number of fields, and a fractional or negative amount, on its own', async () => {
    const [a, b, c, d] = [validBsn(9_120), validBsn(9_121), validBsn(9_122), validBsn(9_123)];
    const csv = [`bsn;schemeId;amount`, `${a};${schemeId};100`, `${b};${schemeId}`, `${c};${schemeId};12,50`]
      .concat(`${d};${schemeId};-5`, '')
      .join('\n');
    const sent = await sendCsv('funder-rijk', csv);
    expect(sent.status, sent.text).toBe(202);
    const batch = await finished('funder-rijk', sent.body.batchId);
    expect(batch.errors.map(({ row, code }) => ({ row, code }))).toEqual([
      { row: 2, code: 'validation_failed' },
      { row: 3, code: 'validation_failed' },
      { row: 4, code: 'validation_failed' },
    ]);
    expect(batch.errors[0]?.message).toMatch(/2 fields where the header names 3/);
    expect(batch.errors[1]?.message).toMatch(/whole euro cents/);
    expect(await availableIn(a, schemeId)).toBe(100);
  });

  const envelopes: Array<{ name: string; body: string; contentType: string; status: number; code: string }> = [
    {
      name: 'a wrong header',
      body: 'bsn;regeling;bedrag\n1;2;3\n',
      contentType: 'text/csv',
      status: 400,
      code: 'validation_failed',
    },
    {
      name: 'a missing column',
      body: 'bsn;schemeId\n999990019;x\n',
      contentType: 'text/csv',
      status: 400,
      code: 'validation_failed',
    },
    {
      name: 'a column twice',
      body: 'bsn;amount;schemeId;amount\n',
      contentType: 'text/csv',
      status: 400,
      code: 'validation_failed',
    },
    {
      name: 'a header and no rows',
      body: 'bsn;schemeId;amount\r\n',
      contentType: 'text/csv',
      status: 400,
      code: 'validation_failed',
    },
    { name: 'an empty body', body: '', contentType: 'text/csv', status: 400, code: 'validation_failed' },
    {
      name: 'a quote never closed',
      body: 'bsn;schemeId;amount\n"1;2;3\n',
      contentType: 'text/csv',
      status: 400,
      code: 'invalid_csv',
    },
    {
      name: 'not CSV or JSON',
      body: 'bsn;schemeId;amount\n',
      contentType: 'text/plain',
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'JSON that does not parse',
      body: '{"rows": [',
      contentType: 'application/json',
      status: 400,
      code: 'invalid_json',
    },
    {
      name: 'JSON without rows',
      body: '{"deposits": []}',
      contentType: 'application/json',
      status: 400,
      code: 'validation_failed',
    },
    {
      name: 'JSON with no rows',
      body: '{"rows": []}',
      contentType: 'application/json',
      status: 400,
      code: 'validation_failed',
    },
  ];
  for (const envelope of envelopes) {
    it(`answers ${envelope.status} ${envelope.code} at once for ${envelope.name}, storing nothing`, async () => {
      const token = await system.token('funder-sector-demo');
      const before = await system.api('GET', '/v1/deposit-batches', { token });
      const response = await system.api('POST', '/v1/deposit-batches', {
        token,
        rawBody: envelope.body,
        headers: { 'content-type': envelope.contentType },
        idempotencyKey: randomUUID(),
      });
      expect(response.status, response.text).toBe(envelope.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe(envelope.code);
      expect(response.text).not.toMatch(/999990019/);
      const after = await system.api('GET', '/v1/deposit-batches', { token });
      expect(after.body.items).toEqual(before.body.items);
    });
  }

  it('keeps the spreadsheet’s row numbers: a blank line is a refused row, a trailing separator no column', async () => {
    const [a, b] = [validBsn(9_140), validBsn(9_141)];
    const csv = `bsn;schemeId;amount;\r\n${a};${schemeId};100;\r\n;;;\r\n${b};${schemeId};200;\r\n;;;\r\n`;
    const sent = await sendCsv('funder-rijk', csv);
    expect(sent.status, sent.text).toBe(202);
    expect(sent.body.total).toBe(3);
    const batch = await finished('funder-rijk', sent.body.batchId);
    expect(batch.errors).toEqual([{ row: 2, code: 'validation_failed', message: expect.stringMatching(/empty/) }]);
    expect(await availableIn(b, schemeId)).toBe(200);
  });

  it('checks a CSV reference as a JSON one: a BSN or a control character in it refuses the row', async () => {
    const [a, b, c] = [validBsn(9_142), validBsn(9_143), validBsn(9_144)];
    const csv = [
      'bsn;schemeId;amount;reference',
      `${a};${schemeId};100;loon ${validBsn(9_145)}`,
      `${b};${schemeId};100;"bel\u0007"`,
      `${c};${schemeId};100;${'x'.repeat(201)}`,
    ].join('\n');
    const sent = await sendCsv('funder-rijk', csv);
    expect(sent.status, sent.text).toBe(202);
    const batch = await finished('funder-rijk', sent.body.batchId);
    expect(batch.errors.map(({ row, code }) => [row, code])).toEqual([
      [1, 'validation_failed'],
      [2, 'validation_failed'],
      [3, 'validation_failed'],
    ]);
    expect(JSON.stringify(batch)).not.toContain(validBsn(9_145));
  });

  it('refuses a row that is deeply nested, or has a huge unknown field, on its own and briefly', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const hugeKey = 'k'.repeat(100_000);
    const nested = `{"rows":[${deep},{"bsn":"${validBsn(9_146)}","schemeId":"${schemeId}","amount":1,"${hugeKey}":1}]}`;
    const response = await system.api<{ batchId: string }>('POST', '/v1/deposit-batches', {
      token: await system.token('funder-rijk'),
      rawBody: nested,
      idempotencyKey: randomUUID(),
    });
    expect(response.status, response.text.slice(0, 300)).toBe(202);
    const batch = await finished('funder-rijk', response.body.batchId);
    expect(batch.errors.map(({ row, code }) => [row, code])).toEqual([
      [1, 'validation_failed'],
      [2, 'validation_failed'],
    ]);
    for (const error of batch.errors) expect(error.message.length).toBeLessThan(300);
  });

  it('answers 400 for a batch that names more schemes than one transaction can reserve from', async () => {
    const rows = Array.from({ length: 9 }, (_, index) => ({ bsn: validBsn(9_150), schemeId: `s-${index}`, amount: 1 }));
    const response = await sendBatch('funder-sector-demo', rows);
    expect(response.status, response.text).toBe(400);
    expect((response.body as unknown as { detail: string }).detail).toMatch(/at most 8 schemes/);
  });

  it('answers 413 batch_too_large for 10,001 rows and stores nothing', async () => {
    const token = await system.token('funder-sector-demo');
    const line = `${validBsn(9_130)};${schemeId};100`;
    const csv = ['bsn;schemeId;amount', ...Array.from({ length: 10_001 }, () => line)].join('\n');
    const response = await system.api('POST', '/v1/deposit-batches', {
      token,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
      idempotencyKey: randomUUID(),
    });
    expect(response.status, response.text).toBe(413);
    expect(response.body.code).toBe('batch_too_large');
    expect((await system.api('GET', '/v1/deposit-batches', { token })).body.items).toEqual([]);
  });
});

describe('exactly once', () => {
  const schemeId = 'batch-once';
  beforeAll(async () => {
    await givenScheme('funder-rijk', { schemeId, label: 'Batch once', expiresAfterMonths: 24 });
  });

  it('answers a retried upload with the same batch and pays its rows once', async () => {
    const bsn = validBsn(9_200);
    const key = randomUUID();
    const rows = [{ bsn, schemeId, amount: 700 }];
    const [first, second] = await Promise.all([
      sendBatch('funder-rijk', rows, key),
      sendBatch('funder-rijk', rows, key),
    ]);
    expect(first.status, first.text).toBe(202);
    expect(second.status, second.text).toBe(202);
    expect(second.body).toEqual(first.body);
    await finished('funder-rijk', first.body.batchId);
    const third = await sendBatch('funder-rijk', rows, key);
    expect(third.body).toEqual(first.body);
    await system.batchQueue.idle();
    expect(await availableIn(bsn, schemeId)).toBe(700);
  });

  it('refuses the same key with other rows with 409 idempotency_key_reused', async () => {
    const key = randomUUID();
    const bsn = validBsn(9_201);
    expect((await sendBatch('funder-rijk', [{ bsn, schemeId, amount: 100 }], key)).status).toBe(202);
    const other = await sendBatch('funder-rijk', [{ bsn, schemeId, amount: 200 }], key);
    expect(other.status, other.text).toBe(409);
    expect((other.body as unknown as { code: string }).code).toBe('idempotency_key_reused');
    await system.batchQueue.idle();
    expect(await availableIn(bsn, schemeId)).toBe(100);
  });

  it('pays nothing twice when every message is delivered again, during and after the batch', async () => {
    const bsns = Array.from({ length: 30 }, (_, index) => validBsn(9_210 + index));
    const rows = bsns.flatMap((bsn) => [
      { bsn, schemeId, amount: 100 },
      { bsn, schemeId, amount: 10 },
    ]);
    const sent = await sendBatch('funder-rijk', rows);
    const { batchId } = sent.body;
    // Duplicates while it runs, and again after it is done.
    await system.batchQueue.send([
      { kind: 'start', batchId },
      { kind: 'chunk', batchId, chunk: 0 },
      { kind: 'chunk', batchId, chunk: 0 },
    ]);
    const batch = await finished('funder-rijk', batchId);
    await system.batchQueue.send([
      { kind: 'start', batchId },
      { kind: 'chunk', batchId, chunk: 0 },
    ]);
    await system.batchQueue.idle();
    expect(batch).toMatchObject({ status: 'done', succeeded: 60, failed: 0, amountSucceeded: 3_300 });
    for (const bsn of bsns) expect(await availableIn(bsn, schemeId)).toBe(110);
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });

  it('settles a batch of many chunks that several workers finish at about the same time', async () => {
    await givenScheme('funder-rijk', { schemeId: 'batch-many', label: 'Batch many chunks' });
    // 1,300 rows are 6 chunks for 4 workers: the last chunks end together, and one of them must settle.
    const rows = Array.from({ length: 1_300 }, (_, index) => ({
      bsn: validBsn(20_000 + index),
      schemeId: 'batch-many',
      amount: 1 + (index % 3),
    }));
    const sent = await sendBatch('funder-rijk', rows);
    const batch = await finished('funder-rijk', sent.body.batchId);
    expect(batch).toMatchObject({ status: 'done', processed: 1_300, succeeded: 1_300, failed: 0 });
    expect(batch.amountSucceeded).toBe(rows.reduce((sum, row) => sum + row.amount, 0));
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });
});

describe('who may see and send what', () => {
  it('hides a batch from another organisation (404) and lists only the caller’s own', async () => {
    await givenScheme('funder-rijk', { schemeId: 'batch-private', label: 'Batch private' });
    const sent = await sendBatch('funder-rijk', [{ bsn: validBsn(9_300), schemeId: 'batch-private', amount: 100 }]);
    await finished('funder-rijk', sent.body.batchId);
    const other = await batchOf('funder-sector-demo', sent.body.batchId);
    expect(other.status, other.text).toBe(404);
    expect((other.body as unknown as { code: string }).code).toBe('unknown_batch');
    const employer = await batchOf('employer-demo', sent.body.batchId);
    expect(employer.status).toBe(404);
    const listed = await system.api('GET', '/v1/deposit-batches', { token: await system.token('funder-rijk') });
    expect(listed.body.items.map((item: { batchId: string }) => item.batchId)).toContain(sent.body.batchId);
    const othersList = await system.api('GET', '/v1/deposit-batches', { token: await system.token('employer-demo') });
    expect(othersList.body.items.map((item: { batchId: string }) => item.batchId)).not.toContain(sent.body.batchId);
  });

  it('answers 403 to a provider, and 401 to a citizen (whose token is no business credential)', async () => {
    const citizen = await system.citizenToken(validBsn(9_301));
    const provider = await system.token('provider-demo');
    for (const [token, status] of [
      [provider, 403],
      [citizen, 401],
    ] as const) {
      const response = await system.api('POST', '/v1/deposit-batches', {
        token,
        body: { rows: [{ bsn: validBsn(9_301), schemeId: 'x', amount: 1 }] },
        idempotencyKey: randomUUID(),
      });
      expect(response.status, response.text).toBe(status);
      expect((await system.api('GET', '/v1/deposit-batches', { token })).status).toBe(status);
    }
  });

  it('refuses an employer’s row for a person who is not its employee, and pays its employees', async () => {
    const schemeId = 'batch-employer';
    await givenScheme('employer-demo', { schemeId, label: 'Batch employer', expiresAfterMonths: 12, revocable: true });
    const [employee, stranger] = [validBsn(9_310), validBsn(9_311)];
    const registered = await system.api('POST', '/v1/employees', {
      token: await system.token('employer-demo'),
      body: { bsn: employee, startDate: '2024-01-01' },
    });
    expect(registered.status, registered.text).toBe(201);
    const sent = await sendBatch('employer-demo', [
      { bsn: stranger, schemeId, amount: 500 },
      { bsn: employee, schemeId, amount: 600 },
    ]);
    const batch = await finished('employer-demo', sent.body.batchId);
    expect(batch.errors).toEqual([{ row: 1, code: 'not_employed', message: expect.stringMatching(/not employed/) }]);
    expect(await availableIn(employee, schemeId)).toBe(600);
    expect(await availableIn(stranger, schemeId)).toBe(0);
  });

  it('pays rows while the budget lasts, refuses those that no longer fit, and gives back the rest', async () => {
    const schemeId = 'batch-budget';
    await givenScheme('funder-rijk', { schemeId, label: 'Batch budget', budget: 50_000 });
    const bsns = [validBsn(9_320), validBsn(9_321), validBsn(9_322), validBsn(9_323)];
    const sent = await sendBatch('funder-rijk', [
      { bsn: bsns[0], schemeId, amount: 20_000 },
      { bsn: bsns[1], schemeId, amount: 20_000 },
      { bsn: bsns[2], schemeId, amount: 20_000 },
      { bsn: bsns[3], schemeId, amount: 5_000 },
    ]);
    const batch = await finished('funder-rijk', sent.body.batchId);
    expect(batch.errors).toEqual([{ row: 3, code: 'budget_exceeded', message: expect.stringMatching(/budget/) }]);
    expect(batch.amountSucceeded).toBe(45_000);
    // What is left of the budget is exactly what single deposits may still take.
    const single = await system.api('POST', '/v1/deposits', {
      token: await system.token('funder-rijk'),
      body: { bsn: bsns[2], schemeId, amount: 5_001 },
      idempotencyKey: randomUUID(),
    });
    expect(single.body.code).toBe('budget_exceeded');
    const fits = await system.api('POST', '/v1/deposits', {
      token: await system.token('funder-rijk'),
      body: { bsn: bsns[2], schemeId, amount: 5_000 },
      idempotencyKey: randomUUID(),
    });
    expect(fits.status, fits.text).toBe(201);
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });

  it('pages through many refused rows in row order', async () => {
    await givenScheme('funder-rijk', { schemeId: 'batch-pages', label: 'Batch pages' });
    const rows = Array.from({ length: 120 }, (_, index) =>
      index % 2 === 0 ? { bsn: validBsn(9_400 + index), schemeId: 'batch-pages', amount: 1 } : { bsn: 'x' },
    );
    const sent = await sendBatch('funder-rijk', rows);
    await system.batchQueue.idle();
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await batchOf('funder-rijk', sent.body.batchId, `?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.errors.length).toBeLessThanOrEqual(25);
      seen.push(...page.body.errors.map((error) => error.row));
      cursor = page.body.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, index) => index * 2 + 2));
  });
});

describe('a batch and single deposits', () => {
  it('end in the same balances for the same rows (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ person: fc.integer({ min: 0, max: 3 }), amount: fc.integer({ min: 1, max: 40_000 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 150_000 }),
        async (rows, budget) => {
          run += 1;
          const persons = Array.from({ length: 4 }, (_, index) => validBsn(9_600 + run * 4 + index));
          const [batchScheme, singleScheme] = [`prop-batch-${run}`, `prop-single-${run}`];
          for (const schemeId of [batchScheme, singleScheme]) {
            await givenScheme('funder-rijk', { schemeId, label: schemeId, budget: budget === 0 ? undefined : budget });
          }
          const sent = await sendBatch(
            'funder-rijk',
            rows.map((row) => ({ bsn: persons[row.person], schemeId: batchScheme, amount: row.amount })),
          );
          const batch = await finished('funder-rijk', sent.body.batchId);
          let paid = 0;
          for (const row of rows) {
            const single = await system.api('POST', '/v1/deposits', {
              token: await system.token('funder-rijk'),
              body: { bsn: persons[row.person], schemeId: singleScheme, amount: row.amount },
              idempotencyKey: randomUUID(),
            });
            if (single.status === 201) paid += row.amount;
            else expect(single.body.code).toBe('budget_exceeded');
          }
          expect(batch.amountSucceeded).toBe(paid);
          for (const bsn of persons) {
            expect(await availableIn(bsn, batchScheme)).toBe(await availableIn(bsn, singleScheme));
          }
        },
      ),
      { numRuns: 6 },
    );
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });
});
