import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim, Page } from '../../shared/api/views.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import {
  type ApiResponse,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

/**
 * The abuse controls on claims, through the real local system: a provider's yearly cap per course
 * (lowered to 3 for this file through `CLAIMS_PER_COURSE_PER_YEAR_MAX`, as a deployment would set
 * it), the cap on the course price, the flag on claims for people who never logged in, and that
 * only the citizen's own token can approve.
 */

const claimsMax = 3;
const provider: DemoClientId = 'provider-demo';
const startDate = addDays(dateOf(new Date()), 14);

/** A claim, or the problem document of a refusal. */
type ClaimAnswer = Claim & { code?: string; detail?: string };

let system: TestSystem;
let previousMax: string | undefined;

beforeAll(async () => {
  // The handlers read it from the environment on each request, as Lambda would from its configuration.
  previousMax = process.env['CLAIMS_PER_COURSE_PER_YEAR_MAX'];
  process.env['CLAIMS_PER_COURSE_PER_YEAR_MAX'] = String(claimsMax);
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
  if (previousMax === undefined) delete process.env['CLAIMS_PER_COURSE_PER_YEAR_MAX'];
  else process.env['CLAIMS_PER_COURSE_PER_YEAR_MAX'] = previousMax;
});

/** Publishes a course of the demo provider with a fresh id. */
async function givenCourse(price = 50_000): Promise<string> {
  const courseId = `abuse-${randomUUID().slice(0, 8)}`;
  const response = await system.api('POST', '/v1/courses', {
    token: await system.token(provider),
    body: { courseId, title: `Cursus ${courseId}`, category: 'techniek', price },
  });
  expect(response.status, response.text).toBe(201);
  return courseId;
}

async function claim(
  bsn: string,
  courseId: string,
  amount = 10_000,
  idempotencyKey = randomUUID(),
): Promise<ApiResponse<ClaimAnswer>> {
  return system.api('POST', '/v1/claims', {
    token: await system.token(provider),
    body: { bsn, courseId, amount, startDate },
    idempotencyKey,
  });
}

/**
 * A claim as a careful client sends it: a 409 `concurrent_update` (too many writers on one item at
 * once) is retried with the same Idempotency-Key, as the problem's detail says to.
 */
async function claimRetryingConcurrency(bsn: string, courseId: string): Promise<ApiResponse<ClaimAnswer>> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    const response = await claim(bsn, courseId, 10_000, key);
    if (response.status !== 409 || response.body.code !== 'concurrent_update' || attempt === 20) return response;
  }
}

describe('the yearly cap on claims per provider and course', () => {
  it(
    `accepts ${claimsMax} claims for one course, ` +
      'then answers 409 claim_limit_reached; another course has a cap of its own',
    async () => {
      const courseId = await givenCourse();
      for (let index = 0; index < claimsMax; index += 1) {
        const response = await claim(validBsn(9_100 + index), courseId);
        expect(response.status, response.text).toBe(201);
      }

      const over = await claim(validBsn(9_110), courseId);

      expect(over.status, over.text).toBe(409);
      expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(over.body).toMatchObject({ status: 409, code: 'claim_limit_reached' });
      expect(over.body.detail).toContain(`(${claimsMax})`);
      const otherCourse = await claim(validBsn(9_110), await givenCourse());
      expect(otherCourse.status, otherCourse.text).toBe(201);
    },
  );

  it(`lets exactly ${claimsMax} of 10 claims sent at the same time through`, async () => {
    const courseId = await givenCourse();

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => claimRetryingConcurrency(validBsn(9_200 + index), courseId)),
    );

    const statuses = responses.map((response) => response.status);
    expect(
      statuses.filter((status) => status === 201),
      JSON.stringify(responses.map((response) => response.body)),
    ).toHaveLength(claimsMax);
    expect(
      responses.filter((response) => response.status === 409 && response.body.code === 'claim_limit_reached'),
    ).toHaveLength(10 - claimsMax);
    const listed = await system.api<Page<Claim>>('GET', '/v1/claims?limit=200', {
      token: await system.token(provider),
    });
    expect(listed.body.items.filter((item) => item.course.courseId === courseId)).toHaveLength(claimsMax);
  });

  it('counts a retried claim (same Idempotency-Key) once', async () => {
    const courseId = await givenCourse();
    const key = randomUUID();
    for (let attempt = 0; attempt < claimsMax + 2; attempt += 1) {
      const response = await claim(validBsn(9_300), courseId, 10_000, key);
      expect(response.status, response.text).toBe(201);
    }

    for (let index = 1; index < claimsMax; index += 1)
      expect((await claim(validBsn(9_300 + index), courseId)).status).toBe(201);
    expect((await claim(validBsn(9_310), courseId)).body.code).toBe('claim_limit_reached');
  });

  it('still refuses a claim above the course price with 422 amount_exceeds_price', async () => {
    const response = await claim(validBsn(9_400), await givenCourse(20_000), 20_001);

    expect(response.status, response.text).toBe(422);
    expect(response.body.code).toBe('amount_exceeds_price');
  });
});

describe('the flag on claims for people who never logged in', () => {
  it('accepts a claim for a person who never logged in, flagged, and shows the flag to the provider', async () => {
    const response = await claim(validBsn(9_500), await givenCourse());

    expect(response.status, response.text).toBe(201);
    expect(response.body.flags).toEqual(['person_never_logged_in']);
    const read = await system.api<Claim>('GET', `/v1/claims/${response.body.claimId}`, {
      token: await system.token(provider),
    });
    expect(read.body.flags).toEqual(['person_never_logged_in']);
  });

  it('does not flag a claim for a person who has looked at their account', async () => {
    const bsn = validBsn(9_501);
    const account = await system.api('GET', '/v1/me/account', { token: await system.citizenToken(bsn) });
    expect(account.status, account.text).toBe(200);

    const response = await claim(bsn, await givenCourse());

    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ claimId: expect.any(String), status: 'awaiting_approval' });
    expect(response.body).not.toHaveProperty('flags');
  });

  it('does not flag a claim for a person who has looked at their claims', async () => {
    const bsn = validBsn(9_502);
    expect((await system.api('GET', '/v1/me/claims', { token: await system.citizenToken(bsn) })).status).toBe(200);

    const response = await claim(bsn, await givenCourse());

    // The claim is made (an error answer has no flags either), and without the flag.
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ claimId: expect.any(String), status: 'awaiting_approval' });
    expect(response.body).not.toHaveProperty('flags');
    const read = await system.api<Claim>('GET', `/v1/claims/${response.body.claimId}`, {
      token: await system.token(provider),
    });
    expect(read.status, read.text).toBe(200);
    expect(read.body).not.toHaveProperty('flags');
  });

  it('keeps the flag on a claim made before the first login, as it was true when the claim was made', async () => {
    const bsn = validBsn(9_503);
    const made = await claim(bsn, await givenCourse());
    expect(made.body.flags).toEqual(['person_never_logged_in']);

    const mine = await system.api<Page<Claim>>('GET', '/v1/me/claims', { token: await system.citizenToken(bsn) });

    expect(mine.body.items.map((item) => item.flags)).toEqual([['person_never_logged_in']]);
  });
});

describe('approving needs the citizen’s own token', () => {
  // attacks-tokens.test.ts covers a provider token on the approve route with a made-up claim id;
  // here the claim is real and awaiting approval, so the refusal cannot be a 404 in disguise.
  it.each(['provider-demo', 'employer-demo', 'funder-rijk', 'auditor-demo'] as const)(
    'refuses %s on a real claim awaiting approval, which stays awaiting',
    async (client) => {
      const made = await claim(validBsn(9_600), await givenCourse());
      expect(made.status, made.text).toBe(201);

      const response = await system.api('POST', `/v1/me/claims/${made.body.claimId}/approve`, {
        token: await system.token(client),
        idempotencyKey: randomUUID(),
      });

      expect([401, 403]).toContain(response.status);
      const read = await system.api<Claim>('GET', `/v1/claims/${made.body.claimId}`, {
        token: await system.token(provider),
      });
      expect(read.body.status).toBe('awaiting_approval');
    },
  );
});
