import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../../shared/api/views.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { startTestSystem, type TestSystem } from '../support/local-system.ts';

/**
 * Registering and changing providers through the real local system: only IBANs of SEPA-scheme
 * countries are accepted (payouts are SEPA credit transfers), and a change of name or IBAN is in
 * the audit trail with what it was and what it became, the IBANs masked.
 */

let system: TestSystem;
let auditor: string;

const today = dateOf(new Date());
const period = `from=${addDays(today, -1)}&to=${addDays(today, 1)}`;

beforeAll(async () => {
  system = await startTestSystem();
  auditor = await system.token('auditor-demo');
});

afterAll(async () => {
  await system?.stop();
});

function register(body: Record<string, unknown>) {
  return system.api('POST', '/v1/admin/providers', { token: auditor, body });
}

function provider(providerId: string, overrides: Record<string, unknown> = {}) {
  return {
    providerId,
    name: 'Opleidingen Test',
    kvk: '11223344',
    iban: 'NL91ABNA0417164300',
    status: 'active',
    ...overrides,
  };
}

/** The provider_register entries of a provider, oldest first. */
async function registrations(providerId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const response = await system.api<AuditPage>(
      'GET',
      `/v1/admin/audit?${period}&limit=200${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      { token: auditor },
    );
    expect(response.status, response.text).toBe(200);
    entries.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor !== undefined);
  return entries.filter((entry) => entry.action === 'provider_register' && entry.subject.providerId === providerId);
}

describe('POST /v1/admin/providers', () => {
  it.each([
    ['Brazil', 'BR1800360305000010009795493C1'],
    ['Kuwait', 'KW81CBKU0000000000001234560101'],
    ['Saint Lucia', 'LC55HEMM000100010012001200023015'],
    ['Kosovo', 'XK051212012345678906'],
  ])(
    'refuses a valid IBAN of %s, outside SEPA, with a 400 problem that says so, and writes nothing',
    async (_, iban) => {
      const providerId = `sepa-${randomUUID().slice(0, 8)}`;

      const refused = await register(provider(providerId, { iban }));

      expect(refused.status, refused.text).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'body.iban', message: expect.stringMatching(/SEPA/) }],
      });
      expect(await registrations(providerId)).toEqual([]);
      // Nothing was stored: the same provider with a Dutch IBAN is new.
      expect((await register(provider(providerId))).status).toBe(201);
    },
  );

  it('accepts IBANs of SEPA countries outside the EU, in any spacing and case', async () => {
    for (const iban of ['CH93 0076 2011 6238 5295 7', 'gb29nwbk60161331926819', 'NO9386011117947']) {
      const response = await register(provider(`sepa-${randomUUID().slice(0, 8)}`, { iban }));
      expect(response.status, response.text).toBe(201);
    }
  });

  it('records a change of name and IBAN in the audit trail: old and new, IBANs masked to the last four', async () => {
    const providerId = `change-${randomUUID().slice(0, 8)}`;
    expect((await register(provider(providerId))).status).toBe(201);
    const changed = await register(provider(providerId, { name: 'Opleidingen Nieuw', iban: 'NL44RABO0123456789' }));
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({
      providerId,
      name: 'Opleidingen Nieuw',
      kvk: '11223344',
      iban: 'NL44RABO0123456789',
      status: 'active',
      updatedAt: expect.any(String),
    });
    expect(
      (
        await register(
          provider(providerId, { name: 'Opleidingen Nieuw', iban: 'NL44RABO0123456789', status: 'suspended' }),
        )
      ).status,
    ).toBe(200);

    const [created, renamed, suspended, ...others] = await registrations(providerId);
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      subject: { providerId, status: 'active' },
      changes: { name: { to: 'Opleidingen Test' }, iban: { to: '**************4300' } },
    });
    expect(renamed).toMatchObject({
      actor: { role: 'auditor', clientId: 'auditor-demo' },
      subject: { providerId, status: 'active' },
      changes: {
        name: { from: 'Opleidingen Test', to: 'Opleidingen Nieuw' },
        iban: { from: '**************4300', to: '**************6789', payoutsHeldUntil: expect.any(String) },
      },
    });
    expect(suspended?.changes).toEqual({ status: { from: 'active', to: 'suspended' } });
    // The full IBANs are in no entry.
    const trail = JSON.stringify(await registrations(providerId));
    expect(trail).not.toContain('NL91ABNA0417164300');
    expect(trail).not.toContain('0123456789');
  });
});
