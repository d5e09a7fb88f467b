import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Allocation, Claim, ClaimStatus, Course, Page, Transaction } from '../../shared/api/views.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import {
  type ApiResponse,
  bsnFailingElfproef,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

/**
 * The claim lifecycle through the real local system: the HTTP server, the authorizer with real
 * tokens from the local OpenID Connect provider, the handlers and DynamoDB Local. A provider
 * publishes a course and claims; the citizen sees the split, approves (money is held) or rejects;
 * the provider captures all or part (the rest is released) or cancels. Every citizen here is one
 * of the test's own (`validBsn`), funded by the demo funders, so the demo world stays as seeded.
 *
 * The demo world has one provider client. To act as a second provider, this file registers the
 * provider `opleidingen-zuid` and points the `employer-demo` client (which nothing here needs as an
 * employer) at it in the client registry of this file's own table.
 */

type Funding = {
  readonly client: 'funder-rijk' | 'funder-sector-demo';
  readonly schemeId: string;
  readonly amount: number;
};

const provider: DemoClientId = 'provider-demo';
/** Acts as the second provider, `opleidingen-zuid` (see the file comment). */
const otherProvider: DemoClientId = 'employer-demo';
const otherProviderId = 'opleidingen-zuid';

const publicBudget = { client: 'funder-rijk', schemeId: 'ontwikkelbudget' } as const;
const sectorBudget = { client: 'funder-sector-demo', schemeId: 'techniek-scholing' } as const;

const today = dateOf(new Date());
/** Claims start a week ago, so evidence dated today lies between start and today. */
const startDate = addDays(today, -7);
const evidence = { kind: 'attendance', date: today } as const;

let system: TestSystem;
let registryClient: DynamoDBClient;

beforeAll(async () => {
  system = await startTestSystem();
  // The local system runs in this process and tells its handlers where the table is, as Lambda would.
  registryClient = dynamoClient(process.env['DYNAMODB_ENDPOINT']);
  const store = new DynamoLedgerStore({ client: registryClient, tableName: process.env['TABLE_NAME'] as string });
  await store.putClient({
    clientId: otherProvider,
    role: 'provider',
    orgId: otherProviderId,
    orgName: 'Opleidingen Zuid',
    status: 'active',
  });
  const registered = await registerProvider(otherProviderId, 'active');
  expect(registered.status, registered.text).toBe(201);
});

afterAll(async () => {
  registryClient?.destroy();
  await system?.stop();
});

async function registerProvider(providerId: string, status: 'active' | 'suspended'): Promise<ApiResponse> {
  return system.api('POST', '/v1/admin/providers', {
    token: await system.token('auditor-demo'),
    body: { providerId, name: 'Opleidingen Zuid', kvk: '11223344', iban: 'NL91 ABNA 0417 1643 00', status },
  });
}

async function publishCourse(
  course: { courseId: string; title: string; category: string; price: number },
  client: DemoClientId = provider,
): Promise<ApiResponse<Course>> {
  return system.api('POST', '/v1/courses', { token: await system.token(client), body: course });
}

/** Publishes a course with a fresh id and a title that names it, and returns the id. */
async function givenCourse(
  category: string,
  price: number,
  client: DemoClientId = provider,
): Promise<{ courseId: string; title: string }> {
  const courseId = `it-${randomUUID().slice(0, 8)}`;
  const title = `Cursus ${courseId}`;
  const response = await publishCourse({ courseId, title, category, price }, client);
  expect(response.status, response.text).toBe(201);
  return { courseId, title };
}

async function deposit(funding: Funding, bsn: string): Promise<void> {
  const response = await system.api('POST', '/v1/deposits', {
    token: await system.token(funding.client),
    body: { bsn, schemeId: funding.schemeId, amount: funding.amount },
    idempotencyKey: randomUUID(),
  });
  expect(response.status, response.text).toBe(201);
}

/** A citizen of this test, funded as given. */
async function givenCitizen(seed: number, ...fundings: Funding[]): Promise<string> {
  const bsn = validBsn(seed);
  for (const funding of fundings) await deposit(funding, bsn);
  return bsn;
}

async function createClaim(
  body: { bsn: string; courseId: string; amount: number; startDate?: string; reference?: string },
  idempotencyKey: string | null = randomUUID(),
  client: DemoClientId = provider,
): Promise<ApiResponse<Claim>> {
  return system.api('POST', '/v1/claims', {
    token: await system.token(client),
    body: { startDate, ...body },
    ...(idempotencyKey !== null && { idempotencyKey }),
  });
}

async function givenClaim(
  bsn: string,
  courseId: string,
  amount: number,
  client: DemoClientId = provider,
): Promise<Claim> {
  const response = await createClaim({ bsn, courseId, amount }, randomUUID(), client);
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function approve(
  bsn: string,
  claimId: string,
  body?: unknown,
  idempotencyKey: string | null = randomUUID(),
): Promise<ApiResponse<Claim>> {
  return system.api('POST', `/v1/me/claims/${claimId}/approve`, {
    token: await system.citizenToken(bsn),
    ...(body !== undefined && { body }),
    ...(idempotencyKey !== null && { idempotencyKey }),
  });
}

/** Approves with one key, asking again after a 503 (the API's answer to a busy database), as a client would. */
async function approveUntilAnswered(bsn: string, claimId: string): Promise<ApiResponse<Claim>> {
  const idempotencyKey = randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    const response = await approve(bsn, claimId, undefined, idempotencyKey);
    if (response.status !== 503 || attempt === 10) return response;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

async function reject(bsn: string, claimId: string): Promise<ApiResponse<Claim>> {
  return system.api('POST', `/v1/me/claims/${claimId}/reject`, { token: await system.citizenToken(bsn) });
}

async function capture(
  claimId: string,
  amount: number,
  idempotencyKey: string | null = randomUUID(),
  client: DemoClientId = provider,
): Promise<ApiResponse<Claim>> {
  return system.api('POST', `/v1/claims/${claimId}/capture`, {
    token: await system.token(client),
    body: { amount, evidence },
    ...(idempotencyKey !== null && { idempotencyKey }),
  });
}

async function cancel(
  claimId: string,
  idempotencyKey: string | null = randomUUID(),
  client: DemoClientId = provider,
  body?: unknown,
): Promise<ApiResponse<Claim>> {
  return system.api('POST', `/v1/claims/${claimId}/cancel`, {
    token: await system.token(client),
    ...(idempotencyKey !== null && { idempotencyKey }),
    ...(body !== undefined && { body }),
  });
}

async function providerClaim(claimId: string, client: DemoClientId = provider): Promise<ApiResponse<Claim>> {
  return system.api('GET', `/v1/claims/${claimId}`, { token: await system.token(client) });
}

async function allocationOf(bsn: string, claimId: string): Promise<ApiResponse<Allocation>> {
  return system.api('GET', `/v1/me/claims/${claimId}/allocation`, { token: await system.citizenToken(bsn) });
}

async function myClaims(bsn: string): Promise<Claim[]> {
  const response = await system.api<Page<Claim>>('GET', '/v1/me/claims?limit=200', {
    token: await system.citizenToken(bsn),
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.nextCursor).toBeUndefined();
  return response.body.items;
}

async function accountOf(bsn: string): Promise<Account> {
  const response = await system.api<Account>('GET', '/v1/me/account', { token: await system.citizenToken(bsn) });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function transactionsOf(bsn: string): Promise<Transaction[]> {
  const response = await system.api<Page<Transaction>>('GET', '/v1/me/transactions?limit=200', {
    token: await system.citizenToken(bsn),
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.nextCursor).toBeUndefined();
  return response.body.items;
}

function expectProblem(response: ApiResponse<unknown>, status: number, code: string): void {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
}

function outcomeOf(response: ApiResponse<unknown>): string {
  return response.status === 200 || response.status === 201
    ? String(response.status)
    : `${response.status} ${(response.body as { code?: string }).code}`;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

/** Runs `tasks` with at most `width` at a time, keeping their order in the result. */
async function inBatches<T>(tasks: ReadonlyArray<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < tasks.length; start += width) {
    results.push(...(await Promise.all(tasks.slice(start, start + width).map((task) => task()))));
  }
  return results;
}

describe('POST /v1/courses and GET /v1/courses', () => {
  it('publishes a course with 201, and a citizen’s search says which of their pots would pay how much', async () => {
    const citizen = await givenCitizen(1, { ...publicBudget, amount: 100_000 }, { ...sectorBudget, amount: 75_000 });
    const course = await givenCourse('techniek', 120_000);
    const other = await givenCourse('taal', 60_000);

    const search = await system.api<Page<Course>>('GET', `/v1/courses?q=${course.courseId}`, {
      token: await system.citizenToken(citizen),
    });

    expect(search.status, search.text).toBe(200);
    expect(search.body.items).toEqual([
      expect.objectContaining({
        courseId: course.courseId,
        title: course.title,
        category: 'techniek',
        price: 120_000,
        provider: { providerId: 'opleidingen-noord', name: 'Opleidingen Noord' },
        // The sector money expires first (12 months against 24) and pays at most €500 per course.
        payableBy: [
          {
            schemeId: 'techniek-scholing',
            funderId: 'oo-fonds-techniek',
            label: 'Scholingsbudget Techniek',
            amount: 50_000,
          },
          { schemeId: 'ontwikkelbudget', funderId: 'rijksoverheid', label: 'Ontwikkelbudget', amount: 70_000 },
        ],
        ownContribution: 0,
      }),
    ]);

    const taal = await system.api<Page<Course>>('GET', `/v1/courses?q=${other.courseId}&category=taal`, {
      token: await system.citizenToken(citizen),
    });
    expect(taal.body.items).toEqual([
      expect.objectContaining({
        courseId: other.courseId,
        payableBy: [
          { schemeId: 'ontwikkelbudget', funderId: 'rijksoverheid', label: 'Ontwikkelbudget', amount: 60_000 },
        ],
        ownContribution: 0,
      }),
    ]);
    const wrongCategory = await system.api<Page<Course>>('GET', `/v1/courses?q=${other.courseId}&category=techniek`, {
      token: await system.citizenToken(citizen),
    });
    expect(wrongCategory.body.items).toEqual([]);

    const asProvider = await system.api<Page<Course>>('GET', `/v1/courses?q=${course.courseId}`, {
      token: await system.token(provider),
    });
    expect(asProvider.body.items).toHaveLength(1);
    expect(asProvider.body.items[0]).not.toHaveProperty('payableBy');
  });

  it('refuses a course id the provider already published with 409 course_exists', async () => {
    const { courseId } = await givenCourse('digitaal', 10_000);

    expectProblem(
      await publishCourse({ courseId, title: 'Nog eens', category: 'digitaal', price: 10_000 }),
      409,
      'course_exists',
    );
  });
});

describe('POST /v1/claims', () => {
  it(
    'creates a claim awaiting approval; ' + 'a retry with the same key answers the same claim and makes no second one',
    async () => {
      const citizen = await givenCitizen(10, { ...publicBudget, amount: 50_000 });
      const { courseId, title } = await givenCourse('digitaal', 25_000);
      const key = `claim-${randomUUID()}`;

      const first = await createClaim({ bsn: citizen, courseId, amount: 25_000, reference: 'inschrijving-1' }, key);
      const retry = await createClaim({ bsn: citizen, courseId, amount: 25_000, reference: 'inschrijving-1' }, key);

      expect(first.status, first.text).toBe(201);
      expect(first.body).toMatchObject({
        claimId: expect.any(String),
        status: 'awaiting_approval',
        provider: { providerId: 'opleidingen-noord', name: 'Opleidingen Noord' },
        course: { courseId, title, category: 'digitaal' },
        amount: 25_000,
        startDate,
        reference: 'inschrijving-1',
        approveBefore: expect.any(String),
      });
      expect(first.text).not.toContain(citizen);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect((await myClaims(citizen)).map((claim) => claim.claimId)).toEqual([first.body.claimId]);

      const reused = await createClaim({ bsn: citizen, courseId, amount: 20_000 }, key);
      expectProblem(reused, 409, 'idempotency_key_reused');
    },
  );

  it('refuses an amount above the course price with 422 amount_exceeds_price', async () => {
    const citizen = validBsn(11);
    const { courseId } = await givenCourse('digitaal', 25_000);

    expectProblem(await createClaim({ bsn: citizen, courseId, amount: 25_001 }), 422, 'amount_exceeds_price');
    expect(await myClaims(citizen)).toEqual([]);
  });

  it('refuses a course the provider has not published with 422 unknown_course', async () => {
    const citizen = validBsn(12);

    expectProblem(await createClaim({ bsn: citizen, courseId: 'bestaat-niet', amount: 100 }), 422, 'unknown_course');
    // Another provider's course is not this provider's to claim for either.
    expectProblem(
      await createClaim({ bsn: citizen, courseId: 'vca-basis', amount: 100 }, randomUUID(), otherProvider),
      422,
      'unknown_course',
    );
  });

  it('refuses a BSN that fails the elfproef with 422 unknown_person, without echoing it', async () => {
    const bsn = bsnFailingElfproef(13);

    const response = await createClaim({ bsn, courseId: 'vca-basis', amount: 100 });

    expectProblem(response, 422, 'unknown_person');
    expect(response.text).not.toContain(bsn);
  });
});

// One claim's story, told in order: each step builds on the one before.
describe('approve → capture in full', () => {
  let citizen: string;
  let claim: Claim;
  let course: { courseId: string; title: string };

  it('lists the claim for the citizen and shows the split approving would make', async () => {
    citizen = await givenCitizen(20, { ...publicBudget, amount: 100_000 }, { ...sectorBudget, amount: 30_000 });
    course = await givenCourse('veiligheid', 45_000);
    claim = await givenClaim(citizen, course.courseId, 45_000);

    expect(await myClaims(citizen)).toEqual([claim]);
    const allocation = await allocationOf(citizen, claim.claimId);
    expect(allocation.status, allocation.text).toBe(200);
    expect(allocation.body).toMatchObject({
      parts: [
        { schemeId: 'techniek-scholing', amount: 30_000 },
        { schemeId: 'ontwikkelbudget', amount: 15_000 },
      ],
      ownContribution: 0,
    });
  });

  it('approves with 200: the split is held in the pots', async () => {
    const approved = await approve(citizen, claim.claimId);

    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      claimId: claim.claimId,
      status: 'approved',
      parts: [
        { schemeId: 'techniek-scholing', amount: 30_000 },
        { schemeId: 'ontwikkelbudget', amount: 15_000 },
      ],
      ownContribution: 0,
      captureBefore: expect.any(String),
    });
    expect(await accountOf(citizen)).toMatchObject({ totals: { available: 85_000, reserved: 45_000 } });
    expect((await providerClaim(claim.claimId)).body.status).toBe('approved');
  });

  it('captures all of it with 200: nothing is held any more and nothing comes back', async () => {
    const captured = await capture(claim.claimId, 45_000);

    expect(captured.status, captured.text).toBe(200);
    expect(captured.body).toMatchObject({ claimId: claim.claimId, status: 'captured', captured: 45_000, evidence });
    expect((await accountOf(citizen)).totals).toEqual({ available: 85_000, reserved: 0 });
    const history = (await transactionsOf(citizen)).filter((entry) => entry.claimId === claim.claimId);
    expect(countBy(history, (entry) => entry.type)).toEqual({ reservation: 2, capture: 2 });
    expect(history.filter((entry) => entry.type === 'capture').every((entry) => entry.amount === 0)).toBe(true);
    expect((await myClaims(citizen))[0]).toMatchObject({ claimId: claim.claimId, status: 'captured' });
  });
});

describe('approve → capture in part', () => {
  it(
    'captures part of what is held, releases the rest in the same step, ' +
      'and the citizen’s history tells it plainly',
    async () => {
      const citizen = await givenCitizen(21, { ...publicBudget, amount: 100_000 }, { ...sectorBudget, amount: 30_000 });
      const course = await givenCourse('techniek', 60_000);
      const claim = await givenClaim(citizen, course.courseId, 60_000);
      expect((await approve(citizen, claim.claimId)).status).toBe(200);
      expect((await accountOf(citizen)).totals).toEqual({ available: 70_000, reserved: 60_000 });

      // €400 taken: all of the sector part (€300) and €100 of the public part; €200 comes back.
      const captured = await capture(claim.claimId, 40_000);

      expect(captured.status, captured.text).toBe(200);
      expect(captured.body).toMatchObject({ status: 'captured', captured: 40_000 });
      const account = await accountOf(citizen);
      expect(account.totals).toEqual({ available: 90_000, reserved: 0 });
      expect(Object.fromEntries(account.pots.map((pot) => [pot.schemeId, pot.available]))).toEqual({
        ontwikkelbudget: 90_000,
      });

      const history = (await transactionsOf(citizen)).filter((entry) => entry.claimId === claim.claimId);
      const lines = history
        .map((entry) => [entry.type, entry.schemeId, entry.amount])
        .sort((a, b) => String(a).localeCompare(String(b)));
      expect(lines).toEqual(
        [
          ['reservation', 'techniek-scholing', -30_000],
          ['reservation', 'ontwikkelbudget', -30_000],
          ['capture', 'techniek-scholing', 0],
          ['capture', 'ontwikkelbudget', 0],
          ['release', 'ontwikkelbudget', 20_000],
        ].sort((a, b) => String(a).localeCompare(String(b))),
      );
      for (const entry of history) {
        expect(entry.description, entry.type).toContain('Opleidingen Noord');
        expect(entry.description, entry.type).toContain(course.title);
      }
    },
  );
});

describe('approve → cancel', () => {
  it('cancels with 200 and gives everything held back', async () => {
    const citizen = await givenCitizen(22, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 60_000);
    const claim = await givenClaim(citizen, courseId, 60_000);
    const approved = await approve(citizen, claim.claimId);
    expect(approved.body).toMatchObject({
      status: 'approved',
      parts: [{ schemeId: 'ontwikkelbudget', amount: 50_000 }],
      ownContribution: 10_000,
    });
    expect((await accountOf(citizen)).totals).toEqual({ available: 0, reserved: 50_000 });

    const cancelled = await cancel(claim.claimId);

    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ claimId: claim.claimId, status: 'cancelled' });
    expect((await accountOf(citizen)).totals).toEqual({ available: 50_000, reserved: 0 });
    const history = (await transactionsOf(citizen)).filter((entry) => entry.claimId === claim.claimId);
    expect(history.map((entry) => [entry.type, entry.amount])).toEqual([
      ['release', 50_000],
      ['reservation', -50_000],
    ]);
  });
});

describe('reject', () => {
  it('rejects with 200 and moves no money; approving afterwards is 409 claim_not_approvable', async () => {
    const citizen = await givenCitizen(23, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 20_000);
    const claim = await givenClaim(citizen, courseId, 20_000);

    const rejected = await reject(citizen, claim.claimId);

    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body).toMatchObject({ claimId: claim.claimId, status: 'rejected' });
    expectProblem(await approve(citizen, claim.claimId), 409, 'claim_not_approvable');
    expectProblem(await allocationOf(citizen, claim.claimId), 409, 'claim_not_approvable');
    expect((await accountOf(citizen)).totals).toEqual({ available: 50_000, reserved: 0 });
    expect((await transactionsOf(citizen)).filter((entry) => entry.claimId !== undefined)).toEqual([]);
    expect((await providerClaim(claim.claimId)).body.status).toBe('rejected');
  });
});

describe('withdraw (cancel before approval)', () => {
  it('withdraws a claim awaiting approval: no money moves, the ledger balances, it cannot be approved', async () => {
    const citizen = await givenCitizen(25, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 20_000);
    const claim = await givenClaim(citizen, courseId, 20_000);
    const before = await accountOf(citizen);
    const key = randomUUID();

    const withdrawn = await cancel(claim.claimId, key);

    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body).toMatchObject({ claimId: claim.claimId, status: 'cancelled' });
    expect(withdrawn.body).not.toHaveProperty('parts');
    expect((await accountOf(citizen)).totals).toEqual(before.totals);
    expect((await transactionsOf(citizen)).filter((entry) => entry.claimId === claim.claimId)).toEqual([]);
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
    expect((await myClaims(citizen)).find((mine) => mine.claimId === claim.claimId)?.status).toBe('cancelled');

    expectProblem(await approve(citizen, claim.claimId), 409, 'claim_not_approvable');
    expectProblem(await allocationOf(citizen, claim.claimId), 409, 'claim_not_approvable');
    expectProblem(await reject(citizen, claim.claimId), 409, 'claim_not_approvable');
    expect((await accountOf(citizen)).totals).toEqual(before.totals);

    // The same Idempotency-Key again answers the first answer; withdrawing again under a new key is refused.
    const again = await cancel(claim.claimId, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(withdrawn.body);
    expectProblem(await cancel(claim.claimId), 409, 'invalid_claim_state');
  });

  it('ends a withdrawal racing an approval with one consistent story, 8 times over, and the money agrees', async () => {
    const amount = 2_000;
    const races = 8;
    const citizen = await givenCitizen(26, { ...publicBudget, amount: races * amount });
    const { courseId } = await givenCourse('digitaal', amount);
    let held = 0;
    for (let index = 0; index < races; index += 1) {
      const claim = await givenClaim(citizen, courseId, amount);

      const [approved, withdrawn] = await Promise.all([approve(citizen, claim.claimId), cancel(claim.claimId)]);

      const story = `race ${index}: approve ${outcomeOf(approved)}, cancel ${outcomeOf(withdrawn)}`;
      const final = (await providerClaim(claim.claimId)).body.status;
      if (final === 'approved') {
        // The approval won and the cancel found the claim already moved on.
        expect([outcomeOf(approved), outcomeOf(withdrawn)], story).toEqual(['200', '409 invalid_claim_state']);
        held += 1;
      } else {
        // The withdrawal won, or it came second and cancelled the approved claim, giving its money back.
        expect(final, story).toBe('cancelled');
        expect(outcomeOf(withdrawn), story).toBe('200');
        expect(['200', '409 claim_not_approvable'], story).toContain(outcomeOf(approved));
      }
    }
    expect((await accountOf(citizen)).totals).toEqual({ available: (races - held) * amount, reserved: held * amount });
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});

describe('a POST that takes no body, with {}', () => {
  it('cancels with {} as with no body, and a retry with no body under the same key replays the answer', async () => {
    const citizen = await givenCitizen(27, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 10_000);
    const claim = await givenClaim(citizen, courseId, 10_000);
    expect((await approve(citizen, claim.claimId)).status).toBe(200);
    const key = randomUUID();

    const cancelled = await cancel(claim.claimId, key, provider, {});
    const retried = await cancel(claim.claimId, key);

    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toEqual(cancelled.body);
    expect((await accountOf(citizen)).totals).toEqual({ available: 50_000, reserved: 0 });
  });

  it('rejects with {} as with no body', async () => {
    const citizen = await givenCitizen(28, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 10_000);
    const claim = await givenClaim(citizen, courseId, 10_000);

    const rejected = await system.api<Claim>('POST', `/v1/me/claims/${claim.claimId}/reject`, {
      token: await system.citizenToken(citizen),
      body: {},
    });

    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body.status).toBe('rejected');
  });

  it('approves {} with the proposed split; a retry with no body under the same key replays it, not 409', async () => {
    const citizen = await givenCitizen(29, { ...publicBudget, amount: 100_000 }, { ...sectorBudget, amount: 30_000 });
    const { courseId } = await givenCourse('techniek', 45_000);
    const claim = await givenClaim(citizen, courseId, 45_000);
    const proposed = await allocationOf(citizen, claim.claimId);
    const key = randomUUID();

    const approved = await approve(citizen, claim.claimId, {}, key);
    const retried = await approve(citizen, claim.claimId, undefined, key);

    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.parts).toEqual(
      proposed.body.parts.map(({ schemeId, funderId, amount }) => ({ schemeId, funderId, amount })),
    );
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toEqual(approved.body);
    expect((await accountOf(citizen)).totals).toEqual({ available: 85_000, reserved: 45_000 });
  });
});

describe('a suspended provider', () => {
  it(
    'can neither claim nor capture (403 provider_not_active), ' + 'may still cancel, and can do both again once active',
    async () => {
      const citizen = await givenCitizen(24, { ...publicBudget, amount: 100_000 });
      // Priced for both claims: the course price holds over all of a person's claims for the course.
      const { courseId } = await givenCourse('digitaal', 60_000, otherProvider);
      const toCapture = await givenClaim(citizen, courseId, 30_000, otherProvider);
      const toCancel = await givenClaim(citizen, courseId, 30_000, otherProvider);
      expect((await approve(citizen, toCapture.claimId)).status).toBe(200);
      expect((await approve(citizen, toCancel.claimId)).status).toBe(200);

      const suspended = await registerProvider(otherProviderId, 'suspended');
      expect(suspended.status, suspended.text).toBe(200);
      expect(suspended.body).toMatchObject({ providerId: otherProviderId, status: 'suspended' });
      try {
        expectProblem(
          await createClaim({ bsn: citizen, courseId, amount: 30_000 }, randomUUID(), otherProvider),
          403,
          'provider_not_active',
        );
        expectProblem(
          await capture(toCapture.claimId, 30_000, randomUUID(), otherProvider),
          403,
          'provider_not_active',
        );
        expectProblem(
          await publishCourse({ courseId: 'nieuw', title: 'Nieuw', category: 'taal', price: 100 }, otherProvider),
          403,
          'provider_not_active',
        );
        expect((await providerClaim(toCapture.claimId, otherProvider)).body.status).toBe('approved');
        expect((await accountOf(citizen)).totals).toEqual({ available: 40_000, reserved: 60_000 });

        // Cancelling only gives money back, so a suspended provider may still do it.
        expect((await cancel(toCancel.claimId, randomUUID(), otherProvider)).status).toBe(200);
      } finally {
        expect((await registerProvider(otherProviderId, 'active')).status).toBe(200);
      }

      expect((await capture(toCapture.claimId, 30_000, randomUUID(), otherProvider)).status).toBe(200);
      expect((await accountOf(citizen)).totals).toEqual({ available: 70_000, reserved: 0 });
      expect(await myClaims(citizen)).toHaveLength(2);
    },
  );
});

describe('a split the citizen chooses', () => {
  it('holds the chosen split instead of the default', async () => {
    const citizen = await givenCitizen(30, { ...publicBudget, amount: 100_000 }, { ...sectorBudget, amount: 75_000 });
    const { courseId } = await givenCourse('techniek', 60_000);
    const claim = await givenClaim(citizen, courseId, 60_000);
    expect((await allocationOf(citizen, claim.claimId)).body).toMatchObject({
      parts: [
        { schemeId: 'techniek-scholing', amount: 50_000 },
        { schemeId: 'ontwikkelbudget', amount: 10_000 },
      ],
      ownContribution: 0,
    });

    const approved = await approve(citizen, claim.claimId, {
      parts: [
        { schemeId: 'ontwikkelbudget', amount: 45_000 },
        { schemeId: 'techniek-scholing', amount: 5_000 },
      ],
    });

    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      parts: [
        { schemeId: 'ontwikkelbudget', amount: 45_000 },
        { schemeId: 'techniek-scholing', amount: 5_000 },
      ],
      ownContribution: 10_000,
    });
    const account = await accountOf(citizen);
    expect(account.totals).toEqual({ available: 125_000, reserved: 50_000 });
    expect(Object.fromEntries(account.pots.map((pot) => [pot.schemeId, [pot.available, pot.reserved]]))).toEqual({
      ontwikkelbudget: [55_000, 45_000],
      'techniek-scholing': [70_000, 5_000],
    });
  });

  it.each([
    {
      seed: 31,
      scenario: 'above the scheme’s maximum per course',
      parts: [{ schemeId: 'techniek-scholing', amount: 50_001 }],
      status: 422,
      code: 'invalid_split',
    },
    {
      seed: 32,
      scenario: 'adding up to more than the claim',
      parts: [
        { schemeId: 'techniek-scholing', amount: 20_000 },
        { schemeId: 'ontwikkelbudget', amount: 40_001 },
      ],
      status: 422,
      code: 'invalid_split',
    },
    {
      seed: 33,
      scenario: 'naming one scheme twice',
      parts: [
        { schemeId: 'ontwikkelbudget', amount: 100 },
        { schemeId: 'ontwikkelbudget', amount: 100 },
      ],
      status: 422,
      code: 'invalid_split',
    },
    {
      seed: 34,
      scenario: 'naming a scheme the citizen has no money in',
      parts: [{ schemeId: 'vakmanschap', amount: 100 }],
      status: 422,
      code: 'invalid_split',
    },
    {
      seed: 35,
      scenario: 'asking more than the pot holds',
      parts: [{ schemeId: 'techniek-scholing', amount: 20_001 }],
      status: 409,
      code: 'insufficient_funds',
    },
  ])('refuses a split $scenario and holds nothing', async ({ seed, parts, status, code }) => {
    const citizen = await givenCitizen(seed, { ...publicBudget, amount: 100_000 }, { ...sectorBudget, amount: 20_000 });
    const { courseId } = await givenCourse('techniek', 60_000);
    const claim = await givenClaim(citizen, courseId, 60_000);
    const before = await accountOf(citizen);

    expectProblem(await approve(citizen, claim.claimId, { parts }), status, code);

    expect((await accountOf(citizen)).totals).toEqual(before.totals);
    expect((await providerClaim(claim.claimId)).body.status).toBe('awaiting_approval');
  });
});

/** The states a claim reaches through the API's actions; `expired` and `paid` are reached by the scheduled jobs. */
type State = Exclude<ClaimStatus, 'expired' | 'paid'>;
type Action = 'approve' | 'reject' | 'capture' | 'cancel';

describe('the claim state moves', () => {
  const claimAmount = 5_000;
  let citizen: string;
  let courseId: string;

  beforeAll(async () => {
    citizen = await givenCitizen(40, { ...publicBudget, amount: 200_000 });
    // Every claim here is for this one course, so it is priced for all of them: the price holds over
    // all of a person's claims for a course, and this is not what these tests are about.
    ({ courseId } = await givenCourse('digitaal', 200_000));
  });

  /** A fresh claim, driven through allowed moves into `state`. */
  async function claimIn(state: State): Promise<string> {
    const { claimId } = await givenClaim(citizen, courseId, claimAmount);
    const steps: Record<State, Array<() => Promise<ApiResponse<Claim>>>> = {
      awaiting_approval: [],
      approved: [() => approve(citizen, claimId)],
      rejected: [() => reject(citizen, claimId)],
      captured: [() => approve(citizen, claimId), () => capture(claimId, claimAmount)],
      cancelled: [() => approve(citizen, claimId), () => cancel(claimId)],
    };
    for (const step of steps[state]) expect((await step()).status).toBe(200);
    expect((await providerClaim(claimId)).body.status).toBe(state);
    return claimId;
  }

  const act: Record<Action, (claimId: string) => Promise<ApiResponse<Claim>>> = {
    approve: (claimId) => approve(citizen, claimId),
    reject: (claimId) => reject(citizen, claimId),
    capture: (claimId) => capture(claimId, claimAmount),
    cancel: (claimId) => cancel(claimId),
  };

  // The allowed moves (README, "How a course gets paid"), and rejecting a rejected claim, which answers that claim
  // again. The provider may withdraw a claim that awaits approval (cancel), and cancel an approved one.
  const allowed: Partial<Record<`${State} ${Action}`, State>> = {
    'awaiting_approval approve': 'approved',
    'awaiting_approval reject': 'rejected',
    'awaiting_approval cancel': 'cancelled',
    'approved capture': 'captured',
    'approved cancel': 'cancelled',
    'rejected reject': 'rejected',
  };
  const states: State[] = ['awaiting_approval', 'approved', 'rejected', 'captured', 'cancelled'];
  const actions: Action[] = ['approve', 'reject', 'capture', 'cancel'];
  const matrix = states.flatMap((from) =>
    actions.map((action) => {
      const to = allowed[`${from} ${action}`];
      const code = action === 'approve' || action === 'reject' ? 'claim_not_approvable' : 'invalid_claim_state';
      return { from, action, to, expected: to === undefined ? `409 ${code}` : `200 → ${to}` };
    }),
  );

  it.each(matrix)('$action on a claim that is $from: $expected', async ({ from, action, to }) => {
    const claimId = await claimIn(from);
    const before = await accountOf(citizen);

    const response = await act[action](claimId);

    if (to === undefined) {
      expectProblem(
        response,
        409,
        action === 'approve' || action === 'reject' ? 'claim_not_approvable' : 'invalid_claim_state',
      );
      expect((await providerClaim(claimId)).body.status).toBe(from);
      expect((await accountOf(citizen)).totals).toEqual(before.totals);
    } else {
      expect(response.status, response.text).toBe(200);
      expect(response.body.status).toBe(to);
      expect((await providerClaim(claimId)).body.status).toBe(to);
    }
  });

  it(
    'answers a capture of more than is held with 422 amount_exceeds_reserved, ' +
      'even when the claim asked for that much',
    async () => {
      const poor = await givenCitizen(41, { ...publicBudget, amount: 3_000 });
      const claim = await givenClaim(poor, courseId, claimAmount);
      expect((await approve(poor, claim.claimId)).body).toMatchObject({
        parts: [{ schemeId: 'ontwikkelbudget', amount: 3_000 }],
        ownContribution: 2_000,
      });

      expectProblem(await capture(claim.claimId, 3_001), 422, 'amount_exceeds_reserved');
      expectProblem(await capture(claim.claimId, claimAmount), 422, 'amount_exceeds_reserved');

      expect((await providerClaim(claim.claimId)).body.status).toBe('approved');
      expect((await accountOf(poor)).totals).toEqual({ available: 0, reserved: 3_000 });
      expect((await capture(claim.claimId, 3_000)).status).toBe(200);
    },
  );

  it(
    'answers a capture on evidence dated the day before the course start, or tomorrow, with 422 invalid_evidence; ' +
      'the claim stays approved with its money held, and evidence on the start date captures',
    async () => {
      const held = await givenCitizen(42, { ...publicBudget, amount: 10_000 });
      const claim = await givenClaim(held, courseId, claimAmount);
      expect((await approve(held, claim.claimId)).status).toBe(200);
      const captureOn = async (date: string) =>
        system.api<Claim>('POST', `/v1/claims/${claim.claimId}/capture`, {
          token: await system.token(provider),
          body: { amount: claimAmount, evidence: { kind: 'attendance', date } },
          idempotencyKey: randomUUID(),
        });

      for (const date of [addDays(startDate, -1), addDays(today, 1)]) {
        const refused = await captureOn(date);
        expectProblem(refused, 422, 'invalid_evidence');
        expect((refused.body as unknown as { detail: string }).detail, date).toBe(
          `The evidence date must lie between the course start (${startDate}) and today (${today}).`,
        );
        const stored = (await providerClaim(claim.claimId)).body;
        expect(stored).toMatchObject({
          status: 'approved',
          parts: [{ schemeId: 'ontwikkelbudget', amount: claimAmount }],
        });
        expect(stored.captured).toBeUndefined();
        expect(stored.evidence).toBeUndefined();
        expect((await accountOf(held)).totals).toEqual({ available: 5_000, reserved: claimAmount });
        const history = (await transactionsOf(held)).filter((entry) => entry.claimId === claim.claimId);
        expect(history.map((entry) => [entry.type, entry.amount])).toEqual([['reservation', -claimAmount]]);
      }

      const captured = await captureOn(startDate);
      expect(captured.status, captured.text).toBe(200);
      expect(captured.body).toMatchObject({ status: 'captured', captured: claimAmount });
    },
  );

  it(
    'answers a repeated approval or capture with the same key with the first answer, ' + 'moving nothing again',
    async () => {
      const { claimId } = await givenClaim(citizen, courseId, claimAmount);
      const approveKey = randomUUID();
      const captureKey = randomUUID();

      const approved = await approve(citizen, claimId, undefined, approveKey);
      const afterApproval = await accountOf(citizen);
      const approvedAgain = await approve(citizen, claimId, undefined, approveKey);
      expect(approvedAgain.status).toBe(200);
      expect(approvedAgain.body).toEqual(approved.body);
      expect((await accountOf(citizen)).totals).toEqual(afterApproval.totals);

      const captured = await capture(claimId, 1_000, captureKey);
      const afterCapture = await accountOf(citizen);
      const again = await capture(claimId, 1_000, captureKey);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(captured.body);
      expect((await accountOf(citizen)).totals).toEqual(afterCapture.totals);
      expectProblem(await capture(claimId, 2_000, captureKey), 409, 'idempotency_key_reused');
    },
  );
});

describe('someone else’s claim', () => {
  let owner: string;
  let stranger: string;
  let claimId: string;

  beforeAll(async () => {
    owner = await givenCitizen(50, { ...publicBudget, amount: 50_000 });
    stranger = await givenCitizen(51, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 10_000);
    ({ claimId } = await givenClaim(owner, courseId, 10_000));
  });

  it('is 404 for another citizen: not listed, no allocation, no approval, no rejection', async () => {
    expect(await myClaims(stranger)).toEqual([]);
    expectProblem(await allocationOf(stranger, claimId), 404, 'unknown_claim');
    expectProblem(await approve(stranger, claimId), 404, 'unknown_claim');
    expectProblem(await reject(stranger, claimId), 404, 'unknown_claim');
    expect((await accountOf(stranger)).totals).toEqual({ available: 50_000, reserved: 0 });
    expect((await providerClaim(claimId)).body.status).toBe('awaiting_approval');
  });

  it('is 404 for another provider: no GET, no capture, no cancel', async () => {
    expect((await approve(owner, claimId)).status).toBe(200);

    expectProblem(await providerClaim(claimId, otherProvider), 404, 'unknown_claim');
    expectProblem(await capture(claimId, 10_000, randomUUID(), otherProvider), 404, 'unknown_claim');
    expectProblem(await cancel(claimId, randomUUID(), otherProvider), 404, 'unknown_claim');
    const listed = await system.api<Page<Claim>>('GET', '/v1/claims?limit=200', {
      token: await system.token(otherProvider),
    });
    expect(listed.body.items.map((claim) => claim.claimId)).not.toContain(claimId);

    expect((await providerClaim(claimId)).body.status).toBe('approved');
    expect((await accountOf(owner)).totals).toEqual({ available: 40_000, reserved: 10_000 });
  });

  it('is 404 for an unknown claim id', async () => {
    expectProblem(await approve(owner, 'clm_bestaat_niet'), 404, 'unknown_claim');
    expectProblem(await providerClaim('clm_bestaat_niet'), 404, 'unknown_claim');
  });
});

describe('money-moving POSTs without an Idempotency-Key', () => {
  it('are refused with 400 and change nothing', async () => {
    const citizen = await givenCitizen(60, { ...publicBudget, amount: 50_000 });
    const { courseId } = await givenCourse('taal', 10_000);
    const awaiting = await givenClaim(citizen, courseId, 10_000);
    const approved = await givenClaim(citizen, courseId, 10_000);
    expect((await approve(citizen, approved.claimId)).status).toBe(200);

    const responses = [
      await createClaim({ bsn: citizen, courseId, amount: 10_000 }, null),
      await approve(citizen, awaiting.claimId, undefined, null),
      await capture(approved.claimId, 10_000, null),
      await cancel(approved.claimId, null),
    ];

    for (const response of responses) expectProblem(response, 400, 'idempotency_key_missing');
    expect((await myClaims(citizen)).map((claim) => claim.status).sort()).toEqual(['approved', 'awaiting_approval']);
    expect((await accountOf(citizen)).totals).toEqual({ available: 40_000, reserved: 10_000 });
  });
});

describe('concurrency', () => {
  it(
    'approves exactly 10 of 100 claims approved at the same time when the money covers 10, ' +
      'refusing 90 with 409 insufficient_funds',
    async () => {
      const amount = 2_500;
      const citizen = await givenCitizen(70, { ...publicBudget, amount: 10 * amount });
      // Priced for all 100, so that the money is what runs out, not the price (which holds per person and course).
      const { courseId } = await givenCourse('digitaal', 100 * amount);
      const claims = await inBatches(
        Array.from({ length: 100 }, () => () => givenClaim(citizen, courseId, amount)),
        25,
      );
      await system.citizenToken(citizen);

      // A request that lost too many transaction conflicts answers 503 with Retry-After (issue 10);
      // a client then asks again with the same key, as here. Every approval ends in 200 or 409.
      const responses = await Promise.all(claims.map((claim) => approveUntilAnswered(citizen, claim.claimId)));

      expect(countBy(responses, outcomeOf)).toEqual({ '200': 10, '409 insufficient_funds': 90 });
      expect((await accountOf(citizen)).totals).toEqual({ available: 0, reserved: 10 * amount });
      const listed = await myClaims(citizen);
      expect(countBy(listed, (claim) => claim.status)).toEqual({ approved: 10, awaiting_approval: 90 });
      const approvedIds = responses.flatMap((response, index) =>
        response.status === 200 ? [claims[index]?.claimId] : [],
      );
      expect(
        listed
          .filter((claim) => claim.status === 'approved')
          .map((claim) => claim.claimId)
          .sort(),
      ).toEqual(approvedIds.sort());
      const reservations = (await transactionsOf(citizen)).filter((entry) => entry.type === 'reservation');
      expect(reservations).toHaveLength(10);
      expect(reservations.every((entry) => entry.amount === -amount)).toBe(true);
    },
  );

  it(
    'lets exactly one of a capture and a cancel racing on one claim win, ' +
      '20 times over, and the ledger agrees with the winners',
    async () => {
      const amount = 3_000;
      const races = 20;
      const citizen = await givenCitizen(71, { ...publicBudget, amount: races * amount });
      const { courseId } = await givenCourse('digitaal', races * amount);
      const claims: Claim[] = [];
      for (let index = 0; index < races; index += 1) {
        const claim = await givenClaim(citizen, courseId, amount);
        expect((await approve(citizen, claim.claimId)).status).toBe(200);
        claims.push(claim);
      }
      expect((await accountOf(citizen)).totals).toEqual({ available: 0, reserved: races * amount });

      const capturedByClaim = new Map<string, number>();
      for (const [index, claim] of claims.entries()) {
        const take = amount - 100 * (index + 1);
        const [captured, cancelled] = await Promise.all([capture(claim.claimId, take), cancel(claim.claimId)]);

        expect([outcomeOf(captured), outcomeOf(cancelled)].sort(), `race ${index}`).toEqual([
          '200',
          '409 invalid_claim_state',
        ]);
        const winner = captured.status === 200 ? 'captured' : 'cancelled';
        capturedByClaim.set(claim.claimId, winner === 'captured' ? take : 0);
        expect((await providerClaim(claim.claimId)).body).toMatchObject({
          status: winner,
          ...(winner === 'captured' && { captured: take }),
        });
      }

      const capturedCents = [...capturedByClaim.values()].reduce((sum, cents) => sum + cents, 0);
      expect((await accountOf(citizen)).totals).toEqual({ available: races * amount - capturedCents, reserved: 0 });
      const history = await transactionsOf(citizen);
      for (const claim of claims) {
        const entries = history.filter((entry) => entry.claimId === claim.claimId);
        const captured = capturedByClaim.get(claim.claimId) ?? 0;
        // Each claim resolved once: one reservation, then one release, with one capture before it if the capture won.
        expect(countBy(entries, (entry) => entry.type)).toEqual({
          reservation: 1,
          release: 1,
          ...(captured > 0 && { capture: 1 }),
        });
        expect(entries.reduce((sum, entry) => sum + entry.amount, 0)).toBe(captured === 0 ? 0 : -captured);
      }
    },
  );
});

describe('the ledger after all of the above', () => {
  it('reconciles: balanced, summing to zero, every stored balance matching its entries', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
