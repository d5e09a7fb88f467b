import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../infra/local/demo-world.ts';
import type { AuditEntry, AuditPage, Page, Transaction } from '../../shared/api/views.ts';
import { maskBsns } from '../../shared/identity/bsn.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { type DemoClientId, startTestSystem, type TestSystem, validBsn } from '../support/local-system.ts';

/**
 * The audit trail through the real local system: money movements, a refusal and an admin action
 * each show up in `GET /v1/admin/audit` with who, what, when and the outcome, never with a BSN;
 * only the auditor may read it, and it pages oldest first.
 */

/** An audit page, or the problem document of a refusal. */
type AuditAnswer = AuditPage & { code?: string };

const today = dateOf(new Date());
// A day either side, so a run across midnight (UTC) still finds its entries.
const period = `from=${addDays(today, -1)}&to=${addDays(today, 1)}`;
const citizen = validBsn(7_001);
const stranger = validBsn(7_002);

let system: TestSystem;
const done = {
  depositId: '',
  depositKey: randomUUID(),
  refusedKey: randomUUID(),
  claimId: '',
  approveKey: randomUUID(),
  capturedClaimId: '',
  refusedCaptureKey: randomUUID(),
  captureKey: randomUUID(),
  providerId: `audit-${randomUUID().slice(0, 8)}`,
};

beforeAll(async () => {
  system = await startTestSystem();
  const funder = await system.token('funder-rijk');
  const deposited = await system.api('POST', '/v1/deposits', {
    token: funder,
    body: { bsn: citizen, schemeId: 'ontwikkelbudget', amount: 40_000 },
    idempotencyKey: done.depositKey,
  });
  expect(deposited.status, deposited.text).toBe(201);
  done.depositId = deposited.body.depositId;

  const refused = await system.api('POST', '/v1/deposits', {
    token: funder,
    body: { bsn: stranger, schemeId: 'no-such-scheme', amount: 1_000 },
    idempotencyKey: done.refusedKey,
  });
  expect(refused.status, refused.text).toBe(422);

  const provider = await system.token('provider-demo');
  const claimed = await system.api('POST', '/v1/claims', {
    token: provider,
    body: { bsn: citizen, courseId: 'excel-basis', amount: 25_000, startDate: addDays(today, 14) },
    idempotencyKey: randomUUID(),
  });
  expect(claimed.status, claimed.text).toBe(201);
  done.claimId = claimed.body.claimId;
  const approved = await system.api('POST', `/v1/me/claims/${done.claimId}/approve`, {
    token: await system.citizenToken(citizen),
    idempotencyKey: done.approveKey,
  });
  expect(approved.status, approved.text).toBe(200);

  // A claim that starts today, so that it can be captured today: first for more than it holds, then in part.
  const courseId = `audit-${randomUUID().slice(0, 8)}`;
  const published = await system.api('POST', '/v1/courses', {
    token: provider,
    body: { courseId, title: 'Audit in de praktijk', category: 'digitaal', price: 20_000 },
  });
  expect(published.status, published.text).toBe(201);
  const toCapture = await system.api('POST', '/v1/claims', {
    token: provider,
    body: { bsn: citizen, courseId, amount: 10_000, startDate: today },
    idempotencyKey: randomUUID(),
  });
  expect(toCapture.status, toCapture.text).toBe(201);
  done.capturedClaimId = toCapture.body.claimId;
  const held = await system.api('POST', `/v1/me/claims/${done.capturedClaimId}/approve`, {
    token: await system.citizenToken(citizen),
    idempotencyKey: randomUUID(),
  });
  expect(held.status, held.text).toBe(200);
  const evidence = { kind: 'attendance', date: today };
  const tooMuch = await system.api('POST', `/v1/claims/${done.capturedClaimId}/capture`, {
    token: provider,
    body: { amount: 10_001, evidence },
    idempotencyKey: done.refusedCaptureKey,
  });
  expect(tooMuch.status, tooMuch.text).toBe(422);
  expect(tooMuch.body.code).toBe('amount_exceeds_reserved');
  const captured = await system.api('POST', `/v1/claims/${done.capturedClaimId}/capture`, {
    token: provider,
    body: { amount: 6_000, evidence },
    idempotencyKey: done.captureKey,
  });
  expect(captured.status, captured.text).toBe(200);

  const registered = await system.api('POST', '/v1/admin/providers', {
    token: await system.token('auditor-demo'),
    body: {
      providerId: done.providerId,
      name: 'Opleidingen Audit',
      kvk: '11223344',
      iban: 'NL91ABNA0417164300',
      status: 'active',
    },
  });
  expect(registered.status, registered.text).toBe(201);
});

afterAll(async () => {
  await system?.stop();
});

async function auditPage(query: string, client: DemoClientId = 'auditor-demo') {
  return system.api<AuditAnswer>('GET', `/v1/admin/audit?${query}`, { token: await system.token(client) });
}

/** The citizen's ledger entries, as the API shows them. */
async function transactionsOf(bsn: string): Promise<Transaction[]> {
  const response = await system.api<Page<Transaction>>('GET', '/v1/me/transactions?limit=200', {
    token: await system.citizenToken(bsn),
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.nextCursor).toBeUndefined();
  return response.body.items;
}

/** Every entry of the period, paging with `limit`. */
async function allEntries(limit: number): Promise<{ entries: AuditEntry[]; pages: number }> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const response = await auditPage(
      `${period}&limit=${limit}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    entries.push(...response.body.items);
    cursor = response.body.nextCursor;
    pages += 1;
  } while (cursor !== undefined);
  return { entries, pages };
}

describe('GET /v1/admin/audit', () => {
  it('records a deposit: the funder client, the scheme, the amount, the ledger entry, when, succeeded', async () => {
    const { entries } = await allEntries(200);

    const entry = entries.find((candidate) => candidate.subject.idempotencyKey === done.depositKey);
    expect(entry).toMatchObject({
      actor: { role: 'funder', clientId: 'funder-rijk' },
      action: 'deposit',
      subject: { schemeId: 'ontwikkelbudget', transferIds: [done.depositId] },
      amount: 40_000,
      outcome: 'succeeded',
    });
    expect(Date.parse(entry?.at ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(entry?.subject['personId']).toEqual(expect.any(String));
  });

  it('records a refused deposit with the code the caller got', async () => {
    const { entries } = await allEntries(200);

    expect(entries.find((candidate) => candidate.subject.idempotencyKey === done.refusedKey)).toMatchObject({
      actor: { role: 'funder', clientId: 'funder-rijk' },
      action: 'deposit',
      subject: { schemeId: 'no-such-scheme' },
      outcome: 'refused',
      code: 'unknown_scheme',
    });
  });

  it('records the claim made, flagged, and the citizen’s approval by pseudonym with what it holds', async () => {
    const { entries } = await allEntries(200);

    const made = entries.find(
      (candidate) => candidate.action === 'claim_create' && candidate.subject.claimId === done.claimId,
    );
    expect(made).toMatchObject({
      actor: { role: 'provider', clientId: 'provider-demo' },
      amount: 25_000,
      flags: ['person_never_logged_in'],
      outcome: 'succeeded',
    });
    const approval = entries.find(
      (candidate) => candidate.action === 'claim_approve' && candidate.subject.claimId === done.claimId,
    );
    expect(approval).toMatchObject({
      actor: { role: 'citizen' },
      subject: { idempotencyKey: done.approveKey },
      amount: 25_000,
      outcome: 'succeeded',
    });
    expect(approval?.actor.personId).toEqual(made?.subject['personId']);
    // The ledger entries it names are the reservations the citizen sees for the claim.
    const reservations = (await transactionsOf(citizen)).filter(
      (entry) => entry.claimId === done.claimId && entry.type === 'reservation',
    );
    expect(reservations.map((entry) => entry.amount)).toEqual([-25_000]);
    expect(approval?.subject.transferIds).toEqual(reservations.map((entry) => entry.id));
  });

  it(
    'records a capture as a capture, with what it took ' + 'and the capture and release entries the citizen sees',
    async () => {
      const { entries } = await allEntries(200);

      const captures = entries.filter((candidate) => candidate.subject.claimId === done.capturedClaimId);
      const capture = captures.find((candidate) => candidate.subject.idempotencyKey === done.captureKey);
      expect(capture).toMatchObject({
        actor: { role: 'provider', clientId: 'provider-demo' },
        action: 'claim_capture',
        subject: { claimId: done.capturedClaimId, providerId: 'opleidingen-noord', courseId: expect.any(String) },
        amount: 6_000,
        outcome: 'succeeded',
      });
      const moved = (await transactionsOf(citizen)).filter(
        (entry) => entry.claimId === done.capturedClaimId && (entry.type === 'capture' || entry.type === 'release'),
      );
      expect(moved.map((entry) => [entry.type, entry.amount]).sort()).toEqual([
        ['capture', 0],
        ['release', 4_000],
      ]);
      expect([...(capture?.subject.transferIds ?? [])].sort()).toEqual(moved.map((entry) => entry.id).sort());
      // Nothing but the approval, the refused capture and the capture concerns this claim after it was made.
      expect(captures.map((candidate) => [candidate.action, candidate.outcome]).sort()).toEqual([
        ['claim_approve', 'succeeded'],
        ['claim_capture', 'refused'],
        ['claim_capture', 'succeeded'],
        ['claim_create', 'succeeded'],
      ]);
    },
  );

  it('records a capture of more than is held as refused, with the code the caller got', async () => {
    const { entries } = await allEntries(200);

    const refused = entries.find((candidate) => candidate.subject.idempotencyKey === done.refusedCaptureKey);
    expect(refused).toMatchObject({
      actor: { role: 'provider', clientId: 'provider-demo' },
      action: 'claim_capture',
      subject: { claimId: done.capturedClaimId, providerId: 'opleidingen-noord' },
      outcome: 'refused',
      code: 'amount_exceeds_reserved',
    });
    expect(refused?.subject.transferIds).toBeUndefined();
  });

  it('records the provider registration by the auditor client', async () => {
    const { entries } = await allEntries(200);

    expect(
      entries.find(
        (candidate) => candidate.action === 'provider_register' && candidate.subject['providerId'] === done.providerId,
      ),
    ).toMatchObject({
      actor: { role: 'auditor', clientId: 'auditor-demo' },
      subject: { status: 'active' },
      outcome: 'succeeded',
    });
  });

  it(
    'holds no BSN anywhere: not the test’s citizens, ' + 'not the demo citizens, no nine digits passing the elfproef',
    async () => {
      const response = await auditPage(`${period}&limit=200`);

      for (const bsn of [citizen, stranger, ...demoCitizens.map((demo) => demo.bsn)])
        expect(response.text).not.toContain(bsn);
      expect(maskBsns(response.text)).toBe(response.text);
    },
  );

  it('pages oldest first: small pages add up to the one big page, in order', async () => {
    const whole = await auditPage(`${period}&limit=200`);
    expect(whole.body.nextCursor).toBeUndefined();

    const { entries, pages } = await allEntries(3);

    expect(entries).toEqual(whole.body.items);
    // A page reads one entry ahead, so the last page is never an empty one.
    expect(pages).toBe(Math.ceil(whole.body.items.length / 3));
    const times = entries.map((entry) => entry.at);
    expect(times).toEqual([...times].sort());
    expect(new Set(entries.map((entry) => entry.auditId)).size).toBe(entries.length);
  });

  it('is empty for a period with nothing in it', async () => {
    const response = await auditPage('from=2020-01-01&to=2020-01-31');

    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ items: [] });
  });

  it.each([
    ['to before from', `from=${today}&to=${addDays(today, -1)}`],
    ['more than 31 days', `from=${today}&to=${addDays(today, 31)}`],
    ['no from', `to=${today}`],
    [
      'a cursor from another list',
      `${period}&cursor=${Buffer.from(JSON.stringify({ sk: 'TX#2026' })).toString('base64url')}`,
    ],
  ])('refuses %s with 400', async (_name, query) => {
    const response = await auditPage(query);

    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it.each(['funder-rijk', 'employer-demo', 'provider-demo', 'funder-sector-demo'] as const)(
    'refuses %s with 403',
    async (client) => {
      const response = await auditPage(period, client);

      expect(response.status, response.text).toBe(403);
    },
  );

  it('refuses a citizen (a token from the citizen issuer on a business route) with 401', async () => {
    const response = await system.api('GET', `/v1/admin/audit?${period}`, {
      token: await system.citizenToken(citizen),
    });

    expect(response.status, response.text).toBe(401);
  });
});
