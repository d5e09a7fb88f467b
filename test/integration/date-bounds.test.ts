/**
 * Dates through the real local system: every date field is a real date within 2000-01-01 …
 * 2100-12-31 (years 0000–0099 included, which JavaScript's Date.UTC used to read as 1900–1999), a
 * claim's start date is one of the course's start dates or lies within the claim window, and every
 * instant the API writes is a valid ISO 8601 date-time. Refusals are 400 problem+json saying how
 * to fix the request, and write nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, dateOf } from '../../shared/ledger/dates.ts';
import {
  type ApiResponse,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

let system: TestSystem;
const citizen = validBsn(301);
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

beforeAll(async () => {
  system = await startTestSystem();
  const deposit = await system.api('POST', '/v1/deposits', {
    token: await system.token('funder-rijk'),
    body: { bsn: citizen, schemeId: 'ontwikkelbudget', amount: 100_000 },
    idempotencyKey: randomUUID(),
  });
  expect(deposit.status, deposit.text).toBe(201);
});

afterAll(async () => {
  await system?.stop();
});

async function post(client: DemoClientId, path: string, body: unknown, idempotencyKey?: string): Promise<ApiResponse> {
  return system.api('POST', path, {
    token: await system.token(client),
    body,
    ...(idempotencyKey !== undefined && { idempotencyKey }),
  });
}

function claim(courseId: string, startDate: string): Promise<ApiResponse> {
  return post('provider-demo', '/v1/claims', { bsn: citizen, courseId, amount: 10_000, startDate }, randomUUID());
}

/**
 * Runs `check` with today's date, reckoned as the server reckons it for each request. Should the
 * date change while it runs (midnight in Amsterdam) and the check fail, it runs once more on the new
 * date, so an exact-boundary case cannot flake on a day that flipped between the test and the server.
 */
async function onToday(check: (today: string) => Promise<void>): Promise<void> {
  const today = dateOf(new Date());
  try {
    await check(today);
  } catch (error) {
    if (dateOf(new Date()) === today) throw error;
    await check(dateOf(new Date()));
  }
}

/** A 400 problem+json whose text (detail or listed errors) contains `words`. */
function expectRefused(response: ApiResponse, code: string, words: string): void {
  expect(response.status, response.text).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.code).toBe(code);
  expect(response.text).toContain(words);
}

describe('date fields', () => {
  it.each([
    ['year 0050, which Date.UTC reads as 1950', '0050-06-01'],
    ['year 0000', '0000-01-01'],
    ['the day before the range', '1999-12-31'],
    ['the day after the range', '2101-01-01'],
    ['year 9999', '9999-12-31'],
  ])('refuses %s with a message naming the range, not "not a real date"', async (_name, date) => {
    const response = await post('employer-demo', '/v1/employees', { bsn: validBsn(302), startDate: date });
    expectRefused(response, 'validation_failed', 'from 2000-01-01 to 2100-12-31');
    expect(response.text).not.toContain('real date');
  });

  it('still calls a date that does not exist not a real date', async () => {
    const response = await post('employer-demo', '/v1/employees', { bsn: validBsn(302), startDate: '2026-02-30' });
    expectRefused(response, 'validation_failed', 'real date');
  });

  it('bounds course start dates, scheme expiry dates, end dates and audit periods the same way', async () => {
    const course = { courseId: `c-${randomUUID().slice(0, 8)}`, title: 'Cursus', category: 'taal', price: 100 };
    expectRefused(
      await post('provider-demo', '/v1/courses', { ...course, startDates: ['2150-01-01'] }),
      'validation_failed',
      'from 2000-01-01 to 2100-12-31',
    );
    expectRefused(
      await post('funder-rijk', '/v1/schemes', { schemeId: 'ver-weg', label: 'Ver weg', expiresAt: '9999-12-31' }),
      'validation_failed',
      'from 2000-01-01 to 2100-12-31',
    );
    expectRefused(
      await post('employer-demo', '/v1/employees/end', { bsn: citizen, endDate: '0099-12-31' }, randomUUID()),
      'validation_failed',
      'from 2000-01-01 to 2100-12-31',
    );
    const audit = await system.api('GET', '/v1/admin/audit?from=0001-01-01&to=0001-01-02', {
      token: await system.token('auditor-demo'),
    });
    expectRefused(audit, 'validation_failed', 'from 2000-01-01 to 2100-12-31');
  });

  it('refuses a fixed scheme expiry further ahead than the longest expiry a scheme may have', async () => {
    await onToday(async (today) => {
      const tooFar = addMonths(today, 121);
      const response = await post('funder-rijk', '/v1/schemes', {
        schemeId: 'te-lang',
        label: 'Te lang',
        expiresAt: tooFar,
      });
      expect(response.status, response.text).toBe(422);
      expect(response.body.code).toBe('invalid_expiry');
      expect(response.text).toContain(addMonths(today, 120));
    });
  });
});

describe('a claim’s start date', () => {
  it('must be one of the course’s published start dates when it has them', async () => {
    await onToday(async (today) => {
      const courseId = `c-${randomUUID().slice(0, 8)}`;
      const startDates = [addDays(today, 40), addDays(today, 100)];
      const published = await post('provider-demo', '/v1/courses', {
        courseId,
        title: 'Met startdata',
        category: 'digitaal',
        price: 50_000,
        startDates,
      });
      expect(published.status, published.text).toBe(201);

      const refused = await claim(courseId, addDays(today, 41));
      expectRefused(refused, 'invalid_start_date', `${startDates[0]}, ${startDates[1]}`);
      expect((await claim(courseId, addDays(today, 100))).status).toBe(201);
    });
  });

  it('lies from 8 weeks ago to 18 months ahead for a course without start dates', async () => {
    await onToday(async (today) => {
      expect((await claim('excel-basis', addDays(today, -56))).status).toBe(201);
      expect((await claim('excel-basis', addMonths(today, 18))).status).toBe(201);

      expectRefused(await claim('excel-basis', addDays(today, -57)), 'invalid_start_date', addDays(today, -56));
      expectRefused(
        await claim('excel-basis', addDays(addMonths(today, 18), 1)),
        'invalid_start_date',
        addMonths(today, 18),
      );
      expectRefused(await claim('excel-basis', '2099-01-01'), 'invalid_start_date', addMonths(today, 18));
      expectRefused(await claim('excel-basis', '9999-12-31'), 'validation_failed', 'from 2000-01-01 to 2100-12-31');
    });
  });

  it('gives an approved claim valid deadlines, even for the latest start date allowed', async () => {
    await onToday(async (today) => {
      const startDate = addMonths(today, 18);
      const created = await claim('excel-basis', startDate);
      expect(created.status, created.text).toBe(201);
      expect(created.body.approveBefore).toMatch(isoInstant);

      const approved = await system.api('POST', `/v1/me/claims/${created.body.claimId}/approve`, {
        token: await system.citizenToken(citizen),
        body: {},
        idempotencyKey: randomUUID(),
      });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.body.captureBefore).toMatch(isoInstant);
      expect(approved.body.captureBefore).toBe(`${addDays(startDate, 180)}T23:59:59.999Z`);
      expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    });
  });
});
