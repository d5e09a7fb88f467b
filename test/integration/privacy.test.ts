import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoCitizens } from '../../infra/local/demo-world.ts';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { movementEntity, movementRecordFromItem } from '../../shared/store/dynamo/movement-record.ts';
import { captureOutput, type OutputCapture } from '../support/captured-output.ts';
import { openCitizenToken, sealForApi, tampered } from '../support/citizen-token.ts';
import {
  type ApiRequestOptions,
  type ApiResponse,
  bsnFailingElfproef,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';
import { scanTable } from '../support/table-scan.ts';

// Every log line is written, DEBUG included. Set before any module builds its logger.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
});

/**
 * No BSN in any log line, stored key or attribute, response body or response header. The test
 * runs representative flows through the real local system (deposits, employments, claims from
 * creation to capture, bad input with BSNs where they do not belong, failing tokens) with
 * everything the process writes captured (stdout, stderr and console), then scans the log, every
 * answer and the whole table for each BSN it used and for any stand-alone nine-digit number that
 * passes the elfproef. The requests themselves are not scanned: putting BSNs where they do not
 * belong is the point of some of them.
 */

const person = validBsn(41);
const colleague = validBsn(42);
const stranger = validBsn(43);
const knownBsns = [...demoCitizens.map((citizen) => citizen.bsn), person, colleague, stranger];
const today = dateOf(new Date());
/** Correlation ids the test sends; the API takes a caller's correlation id only when it is a UUID. */
const correlationIds = [randomUUID(), randomUUID()] as const;

let system: TestSystem;
let output: OutputCapture;
/** Every answer seen: which request it answered (not scanned), and its headers and body. */
const answers: Array<{ readonly request: string; readonly headers: string; readonly body: unknown }> = [];

/** A call to the API whose answer is kept for the scan. */
async function call(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse> {
  const response = await system.api(method, path, options);
  answers.push({
    request: `${method} ${path} → ${response.status}`,
    headers: [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
    body: response.body,
  });
  return response;
}

async function expectStatus(response: Promise<ApiResponse>, status: number): Promise<ApiResponse> {
  const answered = await response;
  expect(answered.status, answered.text).toBe(status);
  return answered;
}

/**
 * Stand-alone nine-digit numbers passing the elfproef, as a leak would show them (`"bsn":"…"`,
 * `PERSON#…`, `/…/`).
 */
function bsnLikeNumbersIn(text: string): string[] {
  return [...text.matchAll(/(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g)].map((match) => match[0]).filter(isValidBsn);
}

/** Every BSN of the test found anywhere in the text (also inside longer strings), and every BSN-like number. */
function leaksIn(text: string): string[] {
  return [...new Set([...knownBsns.filter((bsn) => text.includes(bsn)), ...bsnLikeNumbersIn(text)])];
}

/**
 * The same for structured data: each BSN of the test in any form, and BSN-like numbers in its
 * strings and keys. Numbers are amounts there (a budget of 999,800,000 cents may pass the
 * elfproef), and a leaked BSN would be a string.
 */
function leaksInData(value: unknown): string[] {
  const strings: string[] = [];
  const walk = (entry: unknown): void => {
    if (typeof entry === 'string') strings.push(entry);
    else if (Array.isArray(entry)) entry.forEach(walk);
    else if (typeof entry === 'object' && entry !== null) {
      for (const [key, nested] of Object.entries(entry)) {
        strings.push(key);
        walk(nested);
      }
    }
  };
  walk(value);
  const json = JSON.stringify(value) ?? '';
  return [...new Set([...knownBsns.filter((bsn) => json.includes(bsn)), ...strings.flatMap(bsnLikeNumbersIn)])];
}

/** The log lines around each leak, so that a failure says where it came from. */
function context(text: string, leaks: readonly string[]): string {
  return leaks
    .map((leak) =>
      text
        .split('\n')
        .filter((line) => line.includes(leak))
        .slice(0, 3)
        .join('\n'),
    )
    .join('\n---\n');
}

beforeAll(async () => {
  output = captureOutput();
  system = await startTestSystem();
  const funder = await system.token('funder-rijk');
  const employer = await system.token('employer-demo');
  const provider = await system.token('provider-demo');

  // Deposits and employments.
  for (const bsn of [person, colleague, demoCitizens[0].bsn]) {
    await expectStatus(
      call('POST', '/v1/deposits', {
        token: funder,
        body: { bsn, schemeId: 'ontwikkelbudget', amount: 50_000, reference: 'jaarbudget' },
        idempotencyKey: randomUUID(),
      }),
      201,
    );
  }
  await expectStatus(
    call('POST', '/v1/employees', { token: employer, body: { bsn: person, startDate: '2022-01-01' } }),
    201,
  );
  await expectStatus(
    call('POST', '/v1/employees', { token: employer, body: { bsn: person, startDate: '2022-01-01' } }),
    200,
  );
  await expectStatus(
    call('POST', '/v1/employees', { token: employer, body: { bsn: colleague, startDate: '2022-01-01' } }),
    201,
  );
  const repeatedKey = randomUUID();
  await expectStatus(
    call('POST', '/v1/deposits', {
      token: employer,
      body: { bsn: person, schemeId: 'vakmanschap', amount: 10_000 },
      idempotencyKey: repeatedKey,
    }),
    201,
  );
  await expectStatus(
    call('POST', '/v1/deposits', {
      token: employer,
      body: { bsn: person, schemeId: 'vakmanschap', amount: 10_000 },
      idempotencyKey: repeatedKey,
    }),
    201,
  );
  await expectStatus(
    call('POST', '/v1/deposits', {
      token: employer,
      body: { bsn: colleague, schemeId: 'vakmanschap', amount: 7_000 },
      idempotencyKey: randomUUID(),
    }),
    201,
  );
  await expectStatus(
    call('POST', '/v1/employees/end', {
      token: employer,
      body: { bsn: colleague, endDate: today },
      idempotencyKey: randomUUID(),
    }),
    200,
  );

  // Claims: one approved and captured, one rejected, one approved and cancelled.
  const createClaim = async (bsn: string, amount: number) =>
    (
      await expectStatus(
        call('POST', '/v1/claims', {
          token: provider,
          body: { bsn, courseId: 'excel-basis', amount, startDate: addDays(today, -2), reference: 'inschrijving 42' },
          idempotencyKey: randomUUID(),
        }),
        201,
      )
    ).body.claimId as string;
  const citizenToken = await system.citizenToken(person);
  const captured = await createClaim(person, 25_000);
  await expectStatus(call('GET', `/v1/me/claims/${captured}/allocation`, { token: citizenToken }), 200);
  await expectStatus(
    call('POST', `/v1/me/claims/${captured}/approve`, { token: citizenToken, idempotencyKey: randomUUID() }),
    200,
  );
  await expectStatus(
    call('POST', `/v1/claims/${captured}/capture`, {
      token: provider,
      body: { amount: 20_000, evidence: { kind: 'completion', date: today } },
      idempotencyKey: randomUUID(),
    }),
    200,
  );
  const rejected = await createClaim(person, 10_000);
  await expectStatus(call('POST', `/v1/me/claims/${rejected}/reject`, { token: citizenToken }), 200);
  const cancelled = await createClaim(person, 5_000);
  await expectStatus(
    call('POST', `/v1/me/claims/${cancelled}/approve`, {
      token: citizenToken,
      body: { parts: [{ schemeId: 'ontwikkelbudget', amount: 5_000 }] },
      idempotencyKey: randomUUID(),
    }),
    200,
  );
  await expectStatus(
    call('POST', `/v1/claims/${cancelled}/cancel`, { token: provider, idempotencyKey: randomUUID() }),
    200,
  );
  for (const path of ['/v1/me/account', '/v1/me/transactions', '/v1/me/claims', '/v1/courses?q=excel'])
    await expectStatus(call('GET', path, { token: citizenToken }), 200);
  for (const path of ['/v1/claims', `/v1/claims/${captured}`, '/v1/payouts'])
    await expectStatus(call('GET', path, { token: provider }), 200);
  await expectStatus(call('GET', '/v1/schemes', { token: employer }), 200);
  await expectStatus(call('GET', '/v1/admin/reconciliation', { token: await system.token('auditor-demo') }), 200);

  // Bad input with BSNs where they do not belong: every one refused, none echoed or logged.
  const badDeposit = (body: string) =>
    call('POST', '/v1/deposits', { token: funder, rawBody: body, idempotencyKey: randomUUID() });
  await expectStatus(badDeposit(`["${person}",]`), 400); // The JSON parser's error quotes the body.
  // A key that is a BSN.
  await expectStatus(badDeposit(`{"bsn":"${person}","schemeId":"ontwikkelbudget","amount":100,"${person}":true}`), 400);
  // A scheme id that is a BSN: ids are stored.
  await expectStatus(badDeposit(`{"bsn":"${person}","schemeId":"${person}","amount":100}`), 400);
  await expectStatus(
    call('POST', '/v1/deposits', {
      token: funder,
      body: { bsn: person, schemeId: 'ontwikkelbudget', amount: 100 },
      idempotencyKey: `jaarbudget-${person}`,
    }),
    400,
  ); // A key built from the BSN.
  await expectStatus(
    call('POST', '/v1/claims', {
      token: provider,
      body: { bsn: person, courseId: person, amount: 100, startDate: today },
      idempotencyKey: randomUUID(),
    }),
    400,
  ); // A course id that is a BSN.
  // A BSN as a number.
  await expectStatus(badDeposit(`{"bsn":${person},"schemeId":"ontwikkelbudget","amount":100}`), 400);
  // A BSN as the amount.
  await expectStatus(badDeposit(`{"bsn":"${person}","schemeId":"ontwikkelbudget","amount":${person}}`), 400);
  await expectStatus(
    badDeposit(`{"bsn":"${person}","schemeId":"ontwikkelbudget","amount":100,"reference":"loon ${person}"}`),
    400,
  ); // A BSN in the reference.
  await expectStatus(badDeposit(`{"bsn":"${bsnFailingElfproef(41)}","schemeId":"ontwikkelbudget","amount":100}`), 422);
  await expectStatus(badDeposit(`{"bsn":"${stranger}","schemeId":"ontwikkelbudget","amount":0}`), 400);
  await expectStatus(
    call('POST', '/v1/deposits', {
      token: funder,
      rawBody: `bsn=${person}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      idempotencyKey: randomUUID(),
    }),
    415,
  );
  await expectStatus(
    call('POST', '/v1/employees', { token: employer, body: { bsn: stranger, startDate: '2026-02-30' } }),
    400,
  );
  await expectStatus(
    call('POST', '/v1/employees/end', {
      token: employer,
      body: { bsn: stranger, endDate: today },
      idempotencyKey: randomUUID(),
    }),
    422,
  );
  await expectStatus(
    call('POST', '/v1/claims', {
      token: provider,
      body: { bsn: stranger, courseId: 'excel-basis', amount: 100, startDate: today, reference: `voor ${stranger}` },
      idempotencyKey: randomUUID(),
    }),
    400,
  );
  // A BSN in a query string.
  await expectStatus(call('GET', `/v1/me/transactions?bsn=${person}`, { token: citizenToken }), 400);
  // A BSN in a path.
  await expectStatus(call('GET', `/v1/me/claims/${person}/allocation`, { token: citizenToken }), 400);
  await expectStatus(call('GET', `/v1/claims/clm_${person}`, { token: provider }), 400); // …inside an id.
  await expectStatus(
    call('POST', `/v1/claims/clm_${person}/cancel`, { token: provider, idempotencyKey: randomUUID() }),
    400,
  ); // …where a refusal is audited.
  await expectStatus(
    call('POST', '/v1/claims/clm_unknown/cancel', { token: provider, idempotencyKey: randomUUID() }),
    404,
  ); // A refusal that is audited.
  await expectStatus(call('GET', `/v1/courses?q=${person}`, { token: citizenToken }), 400);

  // Deposit batches: good rows, and BSNs where they do not belong (in a reference, a scheme id, a
  // header, a row that fails the elfproef); rows and results are stored packed, and scanned unpacked.
  const batch = await expectStatus(
    call('POST', '/v1/deposit-batches', {
      token: funder,
      body: {
        rows: [
          { bsn: person, schemeId: 'ontwikkelbudget', amount: 100 },
          { bsn: bsnFailingElfproef(43), schemeId: 'ontwikkelbudget', amount: 100 },
          { bsn: stranger, schemeId: 'ontwikkelbudget', amount: 100, reference: `loon ${stranger}` },
          { bsn: stranger, schemeId: person, amount: 100 },
          { bsn: Number(stranger), schemeId: 'ontwikkelbudget', amount: 100 },
          { bsn: stranger, schemeId: 'ontwikkelbudget', amount: Number(person) },
        ],
      },
      idempotencyKey: randomUUID(),
    }),
    202,
  );
  const csvBatch = await expectStatus(
    call('POST', '/v1/deposit-batches', {
      token: funder,
      rawBody: `bsn;schemeId;amount;reference\r\n${colleague};ontwikkelbudget;100;\r\n${stranger};${person};1;x\r\n`,
      headers: { 'content-type': 'text/csv' },
      idempotencyKey: randomUUID(),
    }),
    202,
  );
  await expectStatus(
    call('POST', '/v1/deposit-batches', {
      token: funder,
      rawBody: `${person};ontwikkelbudget;100\r\n${stranger};ontwikkelbudget;100\r\n`,
      headers: { 'content-type': 'text/csv' },
      idempotencyKey: randomUUID(),
    }),
    400,
  ); // No header: the first row is read as one, and its BSN is not echoed.
  await system.batchQueue.idle();
  for (const accepted of [batch, csvBatch]) {
    const id = (accepted.body as { batchId: string }).batchId;
    await expectStatus(call('GET', `/v1/deposit-batches/${id}`, { token: funder }), 200);
  }
  await expectStatus(call('GET', '/v1/deposit-batches', { token: funder }), 200);

  // Failing tokens: a citizen token with the BSN changed (to a valid one, and to one failing the
  // elfproef), and the citizen on a business route.
  const real = await system.citizenToken(colleague);
  // The token is encrypted to the API; the test holds the API's key, as an attacker would not.
  const apiKey = system.citizenTokenKey;
  const signed = await openCitizenToken(real, apiKey);
  const withBsn = (bsn: string) =>
    sealForApi(
      tampered(signed, (claims) => ({ ...claims, bsn })),
      apiKey,
    );
  await expectStatus(call('GET', '/v1/me/account', { token: await withBsn(person) }), 401);
  await expectStatus(call('GET', '/v1/me/account', { token: await withBsn(bsnFailingElfproef(42)) }), 401);
  // The same token, signed but not encrypted: its BSN could be read on the way.
  await expectStatus(call('GET', '/v1/me/account', { token: signed }), 401);
  await expectStatus(
    call('POST', '/v1/deposits', {
      token: real,
      body: { bsn: person, schemeId: 'ontwikkelbudget', amount: 100 },
      idempotencyKey: randomUUID(),
    }),
    401,
  );
  await expectStatus(
    call('GET', '/v1/me/account', { token: real, headers: { 'x-correlation-id': correlationIds[0] } }),
    200,
  );
  await expectStatus(
    call('GET', '/v1/me/claims/clm_unknown/allocation', {
      token: real,
      headers: { 'x-correlation-id': correlationIds[1] },
    }),
    404,
  );
});

afterAll(async () => {
  output?.stop();
  await system?.stop();
});

/** A deposit batch's packed attributes (raw DEFLATE of JSON) as the JSON they hold. */
function unpacked(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(item).map(([name, value]) => [
      name,
      value instanceof Uint8Array ? JSON.parse(inflateRawSync(value).toString('utf8')) : value,
    ]),
  );
}

describe('no BSN anywhere', () => {
  it('not in any log line, at log level DEBUG', () => {
    const log = output.text();
    expect(log.length).toBeGreaterThan(0);
    const leaks = leaksIn(log);

    expect(leaks, context(log, leaks)).toEqual([]);
  });

  it('not in any response body or header', () => {
    expect(answers.length).toBeGreaterThan(40);
    const leaking = answers.flatMap((answer) => {
      const leaks = [...leaksIn(answer.headers), ...leaksInData(answer.body)];
      return leaks.length === 0
        ? []
        : [`${answer.request}: ${leaks.join(', ')}\n${JSON.stringify(answer.body).slice(0, 500)}`];
    });

    expect(leaking).toEqual([]);
  });

  it('not in any key or attribute of the table', async () => {
    const scanned = await scanTable(system.dynamoEndpoint, system.tableName);
    expect(scanned.length).toBeGreaterThan(20);
    // A movement record keeps its idempotency record, audit entry and transfers compressed: read them as text.
    const records = scanned.filter((item) => item['entity'] === movementEntity);
    expect(records.length).toBeGreaterThan(10);
    const items = scanned.map((item) =>
      item['entity'] === movementEntity ? { ...item, body: movementRecordFromItem(item) } : unpacked(item),
    );
    expect(
      items.some((item) => item['entity'] === 'depositBatchChunk' && JSON.stringify(item).includes('personId')),
    ).toBe(true);
    expect(JSON.stringify(items)).toContain('"requestHash"');
    const leaking = items.flatMap((item) => {
      const leaks = leaksInData(item);
      return leaks.length === 0 ? [] : [`${leaks.join(', ')} in ${JSON.stringify(item).slice(0, 500)}`];
    });

    expect(leaking).toEqual([]);
  });
});

describe('the log', () => {
  const lines = () =>
    output
      .text()
      .split('\n')
      .filter((line) => line.trim() !== '');

  it('is structured JSON (Powertools) on every line', () => {
    const notJson = lines().filter((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return (
          typeof entry['level'] !== 'string' ||
          typeof entry['message'] !== 'string' ||
          typeof entry['timestamp'] !== 'string' ||
          typeof entry['service'] !== 'string'
        );
      } catch {
        return true;
      }
    });

    expect(lines().length).toBeGreaterThan(10);
    expect(notJson).toEqual([]);
  });

  it('carries the correlation id of the request on the handler’s lines', () => {
    const entries = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    const correlated = entries.filter((entry) => entry['requestId'] === correlationIds[1]);

    expect(correlated).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request refused',
        code: 'unknown_claim',
        route: 'GET /v1/me/claims/{claimId}/allocation',
      }),
    ]);
    expect(
      entries
        .filter((entry) => entry['message'] === 'request refused')
        .every((entry) => typeof entry['requestId'] === 'string'),
    ).toBe(true);
  });

  it('says why a request was refused, with what the caller sent masked', () => {
    const entries = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    const parserError = entries.find((entry) => entry['code'] === 'invalid_json');
    const refusedTokens = entries
      .filter((entry) => entry['message'] === 'request not authorized')
      .map((entry) => entry['reason']);

    expect(parserError?.['reason']).toEqual(expect.stringContaining('*********'));
    expect(refusedTokens).toEqual(
      expect.arrayContaining(['signature verification failed', 'a citizen token on a route for business clients']),
    );
  });
});
