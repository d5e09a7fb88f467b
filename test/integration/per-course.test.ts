import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Allocation, Claim } from '../../shared/api/views.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { type ApiResponse, startTestSystem, type TestSystem, validBsn } from '../support/local-system.ts';

/**
 * Limits per person and course, and schemes named by funder and scheme, through the real local
 * system on DynamoDB Local (README, "How a course gets paid").
 *
 * - A scheme's maximum per course and the course price hold for everything a person's pots hold
 *   and have spent for one course, over all their claims for it, not for each claim on its own:
 *   two claims for the same course cannot together take more. Approvals racing each other cannot
 *   pass it either, and what a cancel or a partial capture gives back counts again.
 * - Scheme ids are unique per funder only: when an employer's scheme has the public budget's id,
 *   the split names each funder, and a citizen's own split must say which one it means.
 */

const sectorBudget = { client: 'funder-sector-demo', schemeId: 'techniek-scholing' } as const;
const publicBudget = { client: 'funder-rijk', schemeId: 'ontwikkelbudget' } as const;
/** The demo sector scheme pays at most this per course. */
const sectorMaxPerCourse = 50_000;

const today = dateOf(new Date());
const startDate = addDays(today, -7);

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

type Client = 'funder-rijk' | 'funder-sector-demo' | 'employer-demo';

async function deposit(client: Client, schemeId: string, bsn: string, amount: number): Promise<void> {
  const response = await system.api('POST', '/v1/deposits', {
    token: await system.token(client),
    body: { bsn, schemeId, amount },
    idempotencyKey: randomUUID(),
  });
  expect(response.status, response.text).toBe(201);
}

async function givenCourse(category: string, price: number): Promise<string> {
  const courseId = `pc-${randomUUID().slice(0, 8)}`;
  const response = await system.api('POST', '/v1/courses', {
    token: await system.token('provider-demo'),
    body: { courseId, title: `Cursus ${courseId}`, category, price },
  });
  expect(response.status, response.text).toBe(201);
  return courseId;
}

async function givenClaim(bsn: string, courseId: string, amount: number): Promise<Claim> {
  const response = await system.api<Claim>('POST', '/v1/claims', {
    token: await system.token('provider-demo'),
    body: { bsn, courseId, amount, startDate },
    idempotencyKey: randomUUID(),
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function approve(bsn: string, claimId: string, body?: unknown): Promise<ApiResponse<Claim>> {
  return system.api<Claim>('POST', `/v1/me/claims/${claimId}/approve`, {
    token: await system.citizenToken(bsn),
    ...(body !== undefined && { body }),
    idempotencyKey: randomUUID(),
  });
}

async function allocationOf(bsn: string, claimId: string): Promise<ApiResponse<Allocation>> {
  return system.api<Allocation>('GET', `/v1/me/claims/${claimId}/allocation`, {
    token: await system.citizenToken(bsn),
  });
}

async function providerPost(path: string, body?: unknown): Promise<ApiResponse<Claim>> {
  return system.api<Claim>('POST', path, {
    token: await system.token('provider-demo'),
    ...(body !== undefined && { body }),
    idempotencyKey: randomUUID(),
  });
}

async function accountOf(bsn: string): Promise<Account> {
  const response = await system.api<Account>('GET', '/v1/me/account', { token: await system.citizenToken(bsn) });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

function held(claim: Claim): number {
  return (claim.parts ?? []).reduce((sum, part) => sum + part.amount, 0);
}

function heldFrom(claim: Claim, schemeId: string): number {
  return (claim.parts ?? []).filter((part) => part.schemeId === schemeId).reduce((sum, part) => sum + part.amount, 0);
}

function expectProblem(response: ApiResponse<unknown>, status: number, code: string): void {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
}

describe('the maximum per course, per person and course', () => {
  it('lets two claims for one course together take no more than the scheme’s maximum', async () => {
    const citizen = validBsn(3_000);
    await deposit(sectorBudget.client, sectorBudget.schemeId, citizen, 100_000);
    const courseId = await givenCourse('techniek', 80_000);
    const first = await givenClaim(citizen, courseId, 40_000);
    const second = await givenClaim(citizen, courseId, 40_000);

    const approvedFirst = await approve(citizen, first.claimId);
    expect(approvedFirst.status, approvedFirst.text).toBe(200);
    expect(heldFrom(approvedFirst.body, sectorBudget.schemeId)).toBe(40_000);

    // The preview already knows what the first claim holds.
    const preview = await allocationOf(citizen, second.claimId);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.parts.reduce((sum, part) => sum + part.amount, 0)).toBe(sectorMaxPerCourse - 40_000);
    expect(preview.body.ownContribution).toBe(30_000);

    const approvedSecond = await approve(citizen, second.claimId);
    expect(approvedSecond.status, approvedSecond.text).toBe(200);
    expect(heldFrom(approvedSecond.body, sectorBudget.schemeId)).toBe(sectorMaxPerCourse - 40_000);
    expect((await accountOf(citizen)).totals.reserved).toBe(sectorMaxPerCourse);
  });

  it('refuses an own split that would take a scheme past its maximum over both claims', async () => {
    const citizen = validBsn(3_001);
    await deposit(sectorBudget.client, sectorBudget.schemeId, citizen, 100_000);
    const courseId = await givenCourse('techniek', 100_000);
    const first = await givenClaim(citizen, courseId, 45_000);
    const second = await givenClaim(citizen, courseId, 45_000);
    expect((await approve(citizen, first.claimId)).status).toBe(200);

    expectProblem(
      await approve(citizen, second.claimId, { parts: [{ schemeId: sectorBudget.schemeId, amount: 45_000 }] }),
      422,
      'invalid_split',
    );
    const within = await approve(citizen, second.claimId, {
      parts: [{ schemeId: sectorBudget.schemeId, amount: 5_000 }],
    });
    expect(within.status, within.text).toBe(200);
    expect((await accountOf(citizen)).totals.reserved).toBe(sectorMaxPerCourse);
  });

  it('lets two claims for one course together take no more than the course price', async () => {
    const citizen = validBsn(3_002);
    await deposit(publicBudget.client, publicBudget.schemeId, citizen, 200_000);
    const courseId = await givenCourse('digitaal', 60_000);
    const first = await givenClaim(citizen, courseId, 60_000);
    const second = await givenClaim(citizen, courseId, 60_000);

    expect((await approve(citizen, first.claimId)).status).toBe(200);
    const refused = await approve(citizen, second.claimId);
    expectProblem(refused, 409, 'insufficient_funds');
    // The money is there; the problem says that the first claim took what the course allows.
    expect((refused.body as unknown as { detail: string }).detail).toContain('other claims for this course');
    expect((await accountOf(citizen)).totals).toEqual({ available: 140_000, reserved: 60_000 });
  });

  it('holds the limits when two claims for one course are approved at the same moment, 5 times over', async () => {
    for (let round = 0; round < 5; round += 1) {
      const citizen = validBsn(3_010 + round);
      await deposit(sectorBudget.client, sectorBudget.schemeId, citizen, 100_000);
      await deposit(publicBudget.client, publicBudget.schemeId, citizen, 100_000);
      const courseId = await givenCourse('techniek', 70_000);
      const claims = [await givenClaim(citizen, courseId, 70_000), await givenClaim(citizen, courseId, 70_000)];
      await system.citizenToken(citizen);

      const responses = await Promise.all(claims.map((claim) => approve(citizen, claim.claimId)));

      const approved = responses.filter((response) => response.status === 200).map((response) => response.body);
      const refused = responses.filter((response) => response.status !== 200);
      expect(approved, responses.map((response) => response.text).join('\n')).toHaveLength(1);
      for (const response of refused) expectProblem(response, 409, 'insufficient_funds');
      const total = approved.reduce((sum, claim) => sum + held(claim), 0);
      const sector = approved.reduce((sum, claim) => sum + heldFrom(claim, sectorBudget.schemeId), 0);
      expect(total).toBe(70_000);
      expect(sector).toBe(sectorMaxPerCourse);
      expect((await accountOf(citizen)).totals).toEqual({ available: 200_000 - 70_000, reserved: 70_000 });
    }
  });

  it('holds the maximum per scheme when smaller claims for one course race, and the price over all', async () => {
    const citizen = validBsn(3_020);
    // Public money as well, so that after the sector scheme's maximum the course price is what limits:
    // the pots could pay all four claims (120,000), the price allows three (90,000).
    await deposit(sectorBudget.client, sectorBudget.schemeId, citizen, 200_000);
    await deposit(publicBudget.client, publicBudget.schemeId, citizen, 200_000);
    const courseId = await givenCourse('techniek', 90_000);
    const claims = await Promise.all(Array.from({ length: 4 }, () => givenClaim(citizen, courseId, 30_000)));
    await system.citizenToken(citizen);

    const responses = await Promise.all(claims.map((claim) => approve(citizen, claim.claimId)));

    const approved = responses.filter((response) => response.status === 200).map((response) => response.body);
    const refused = responses.filter((response) => response.status !== 200);
    expect(approved, responses.map((response) => response.text).join('\n')).toHaveLength(3);
    expect(refused).toHaveLength(1);
    for (const response of refused) expectProblem(response, 409, 'insufficient_funds');
    for (const claim of approved) expect(held(claim)).toBe(30_000);
    const sector = approved.reduce((sum, claim) => sum + heldFrom(claim, sectorBudget.schemeId), 0);
    const total = approved.reduce((sum, claim) => sum + held(claim), 0);
    expect(sector).toBe(sectorMaxPerCourse);
    expect(total).toBe(90_000);
    expect((await accountOf(citizen)).totals).toEqual({ available: 400_000 - 90_000, reserved: 90_000 });
  });

  it('counts again what a cancel or a partial capture gives back, and not what a capture spent', async () => {
    const citizen = validBsn(3_030);
    await deposit(sectorBudget.client, sectorBudget.schemeId, citizen, 200_000);
    const courseId = await givenCourse('techniek', 200_000);
    const first = await givenClaim(citizen, courseId, 50_000);
    expect((await approve(citizen, first.claimId)).status).toBe(200);

    // Nothing of the maximum is left while the first claim holds it all.
    const second = await givenClaim(citizen, courseId, 50_000);
    expectProblem(await approve(citizen, second.claimId), 409, 'insufficient_funds');

    // Cancelling the first gives its 50,000 back to the maximum.
    expect((await providerPost(`/v1/claims/${first.claimId}/cancel`)).status).toBe(200);
    const approvedSecond = await approve(citizen, second.claimId);
    expect(approvedSecond.status, approvedSecond.text).toBe(200);
    expect(held(approvedSecond.body)).toBe(50_000);

    // Capturing 20,000 of it gives 30,000 back; the 20,000 spent stays counted.
    const captured = await providerPost(`/v1/claims/${second.claimId}/capture`, {
      amount: 20_000,
      evidence: { kind: 'attendance', date: today },
    });
    expect(captured.status, captured.text).toBe(200);
    const third = await givenClaim(citizen, courseId, 50_000);
    const preview = await allocationOf(citizen, third.claimId);
    expect(preview.body.parts.reduce((sum, part) => sum + part.amount, 0)).toBe(30_000);
    const approvedThird = await approve(citizen, third.claimId);
    expect(held(approvedThird.body)).toBe(30_000);
    expect((await accountOf(citizen)).totals).toEqual({ available: 200_000 - 20_000 - 30_000, reserved: 30_000 });
  });
});

describe('a scheme id two funders use', () => {
  const sharedId = publicBudget.schemeId;

  async function givenEmployeeWithBothSchemes(seed: number): Promise<string> {
    const citizen = validBsn(seed);
    const scheme = await system.api('POST', '/v1/schemes', {
      token: await system.token('employer-demo'),
      body: { schemeId: sharedId, label: 'Ontwikkelbudget De Vries' },
    });
    expect([201, 409]).toContain(scheme.status);
    const employed = await system.api('POST', '/v1/employees', {
      token: await system.token('employer-demo'),
      body: { bsn: citizen, startDate: '2020-01-01' },
    });
    expect(employed.status, employed.text).toBe(201);
    await deposit('employer-demo', sharedId, citizen, 30_000);
    await deposit(publicBudget.client, sharedId, citizen, 50_000);
    return citizen;
  }

  it('shows each funder’s part of the split on a line of its own, naming the funder', async () => {
    const citizen = await givenEmployeeWithBothSchemes(3_100);
    const courseId = await givenCourse('digitaal', 60_000);
    const claim = await givenClaim(citizen, courseId, 60_000);

    const preview = await allocationOf(citizen, claim.claimId);

    expect(preview.status, preview.text).toBe(200);
    // The public money expires first (24 months; the employer's never does), so it pays first.
    expect(preview.body.parts).toEqual([
      expect.objectContaining({ schemeId: sharedId, funderId: 'rijksoverheid', amount: 50_000 }),
      expect.objectContaining({ schemeId: sharedId, funderId: '12345678', amount: 10_000 }),
    ]);
    expect(preview.body.parts.map((part) => [part.funder.type, part.funder.name])).toEqual([
      ['public', 'Rijksoverheid'],
      ['employer', 'Bouwbedrijf De Vries'],
    ]);

    const approved = await approve(citizen, claim.claimId);
    expect(approved.body.parts).toEqual([
      { schemeId: sharedId, funderId: 'rijksoverheid', amount: 50_000 },
      { schemeId: sharedId, funderId: '12345678', amount: 10_000 },
    ]);
    const account = await accountOf(citizen);
    expect(account.pots.map((pot) => [pot.funderId, pot.schemeId]).sort()).toEqual([
      ['12345678', sharedId],
      ['rijksoverheid', sharedId],
    ]);
  });

  it('refuses an own split part without funderId when the id is ambiguous, and takes one that names it', async () => {
    const citizen = await givenEmployeeWithBothSchemes(3_101);
    const courseId = await givenCourse('digitaal', 60_000);
    const claim = await givenClaim(citizen, courseId, 60_000);

    expectProblem(
      await approve(citizen, claim.claimId, { parts: [{ schemeId: sharedId, amount: 10_000 }] }),
      409,
      'ambiguous_scheme',
    );
    const approved = await approve(citizen, claim.claimId, {
      parts: [{ schemeId: sharedId, funderId: 'rijksoverheid', amount: 40_000 }],
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.parts).toEqual([{ schemeId: sharedId, funderId: 'rijksoverheid', amount: 40_000 }]);
    expect(approved.body.ownContribution).toBe(20_000);
  });

  it('takes a part without funderId when only one of the person’s schemes has the id', async () => {
    const citizen = validBsn(3_102);
    await deposit(publicBudget.client, sharedId, citizen, 50_000);
    const courseId = await givenCourse('digitaal', 60_000);
    const claim = await givenClaim(citizen, courseId, 60_000);

    const approved = await approve(citizen, claim.claimId, { parts: [{ schemeId: sharedId, amount: 10_000 }] });

    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.parts).toEqual([{ schemeId: sharedId, funderId: 'rijksoverheid', amount: 10_000 }]);
  });
});

describe('the ledger after all of the above', () => {
  it('reconciles: balanced, summing to zero', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
