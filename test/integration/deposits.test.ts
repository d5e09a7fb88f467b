import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Deposit, Page, Transaction } from '../../shared/api/views.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import {
  type ApiResponse,
  bsnFailingElfproef,
  type DemoClientId,
  startTestSystem,
  type TestSystem,
  validBsn,
} from '../support/local-system.ts';

/**
 * Deposits through the real local system: the HTTP server, the authorizer with real tokens from the
 * local OpenID Connect provider, the handlers and DynamoDB Local. Every citizen here is one of the
 * test's own (`validBsn`), so the demo world's balances stay as seeded.
 */

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function createScheme(clientId: DemoClientId, scheme: Record<string, unknown>): Promise<ApiResponse> {
  return system.api('POST', '/v1/schemes', { token: await system.token(clientId), body: scheme });
}

async function givenScheme(clientId: DemoClientId, scheme: Record<string, unknown>): Promise<void> {
  const response = await createScheme(clientId, scheme);
  expect(response.status, response.text).toBe(201);
}

async function deposit(
  clientId: DemoClientId,
  body: { bsn: string; schemeId: string; amount: number; reference?: string },
  idempotencyKey: string = randomUUID(),
): Promise<ApiResponse<Deposit>> {
  return system.api('POST', '/v1/deposits', { token: await system.token(clientId), body, idempotencyKey });
}

async function registerEmployee(bsn: string, startDate: string): Promise<ApiResponse> {
  return system.api('POST', '/v1/employees', { token: await system.token('employer-demo'), body: { bsn, startDate } });
}

async function endEmployment(
  bsn: string,
  endDate: string,
  idempotencyKey: string,
): Promise<ApiResponse<{ returned: number }>> {
  return system.api('POST', '/v1/employees/end', {
    token: await system.token('employer-demo'),
    body: { bsn, endDate },
    idempotencyKey,
  });
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

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

describe('POST /v1/deposits by a funder', () => {
  it('shows a citizen with no money yet an empty account and an empty history', async () => {
    const newcomer = validBsn(50);

    expect(await accountOf(newcomer)).toEqual({ totals: { available: 0, reserved: 0 }, pots: [] });
    expect(await transactionsOf(newcomer)).toEqual([]);
  });

  it(
    'answers 201 with the deposit, ' +
      'and the citizen sees the money in a pot named after the funder and in their history',
    async () => {
      const citizen = validBsn(1);
      await givenScheme('funder-rijk', { schemeId: 'scholing-2026', label: 'Scholing 2026' });

      const response = await deposit('funder-rijk', {
        bsn: citizen,
        schemeId: 'scholing-2026',
        amount: 125_000,
        reference: 'grant-1',
      });

      expect(response.status, response.text).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        depositId: expect.any(String),
        schemeId: 'scholing-2026',
        amount: 125_000,
        at: expect.any(String),
      });
      expect(new Date(response.body.at).toISOString()).toBe(response.body.at);
      expect(response.text).not.toContain(citizen);

      const account = await accountOf(citizen);
      expect(account.totals).toEqual({ available: 125_000, reserved: 0 });
      expect(account.pots).toEqual([
        expect.objectContaining({
          schemeId: 'scholing-2026',
          label: 'Scholing 2026',
          funder: { type: 'public', name: 'Rijksoverheid' },
          available: 125_000,
          reserved: 0,
        }),
      ]);

      const history = await transactionsOf(citizen);
      expect(history).toEqual([
        expect.objectContaining({
          id: response.body.depositId,
          at: response.body.at,
          type: 'deposit',
          amount: 125_000,
          schemeId: 'scholing-2026',
        }),
      ]);
      expect(history[0]?.description).toMatch(/Rijksoverheid.*€1,250\.00.*Scholing 2026/);
      expect(JSON.stringify(history)).not.toContain(citizen);
    },
  );

  it('shows a sector fund as funder type "sector", next to the pots of other funders', async () => {
    const citizen = validBsn(2);
    await givenScheme('funder-sector-demo', { schemeId: 'vakopleiding', label: 'Vakopleiding Techniek' });
    await givenScheme('funder-rijk', { schemeId: 'basis', label: 'Basisbudget' });

    expect(
      (await deposit('funder-sector-demo', { bsn: citizen, schemeId: 'vakopleiding', amount: 40_000 })).status,
    ).toBe(201);
    expect((await deposit('funder-rijk', { bsn: citizen, schemeId: 'basis', amount: 10_000 })).status).toBe(201);

    const account = await accountOf(citizen);
    expect(account.totals).toEqual({ available: 50_000, reserved: 0 });
    expect(account.pots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          schemeId: 'vakopleiding',
          funder: { type: 'sector', name: 'O&O-fonds Techniek' },
          available: 40_000,
        }),
        expect.objectContaining({
          schemeId: 'basis',
          funder: { type: 'public', name: 'Rijksoverheid' },
          available: 10_000,
        }),
      ]),
    );
    expect(account.pots).toHaveLength(2);
  });

  it(
    'moves the money once for 50 identical requests sent at the same time with one Idempotency-Key, ' +
      'answering each with the same body',
    async () => {
      const citizen = validBsn(3);
      await givenScheme('funder-rijk', { schemeId: 'eenmalig', label: 'Eenmalig' });
      const before = await system.reconcile();
      const key = `grant-${randomUUID()}`;

      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          deposit('funder-rijk', { bsn: citizen, schemeId: 'eenmalig', amount: 5_000 }, key),
        ),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
      expect(new Set(responses.map((response) => response.text)).size).toBe(1);
      const history = await transactionsOf(citizen);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ id: responses[0]?.body.depositId, type: 'deposit', amount: 5_000 });
      expect((await accountOf(citizen)).totals.available).toBe(5_000);
      expect((await system.reconcile()).transfers).toBe(before.transfers + 1);
    },
  );

  it('answers a later retry with the same key and body with the first answer, moving nothing again', async () => {
    const citizen = validBsn(4);
    await givenScheme('funder-rijk', { schemeId: 'herhaald', label: 'Herhaald' });
    const key = `retry-${randomUUID()}`;
    const first = await deposit('funder-rijk', { bsn: citizen, schemeId: 'herhaald', amount: 700 }, key);
    expect(first.status).toBe(201);

    const retry = await deposit('funder-rijk', { bsn: citizen, schemeId: 'herhaald', amount: 700 }, key);

    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(await transactionsOf(citizen)).toHaveLength(1);
    expect((await accountOf(citizen)).totals.available).toBe(700);
  });

  it('books each of 50 deposits sent at the same time with different keys exactly once', async () => {
    const citizen = validBsn(5);
    await givenScheme('funder-rijk', { schemeId: 'veel-tegelijk', label: 'Veel tegelijk' });
    const amounts = Array.from({ length: 50 }, (_, index) => index + 1);

    const responses = await Promise.all(
      amounts.map((amount) => deposit('funder-rijk', { bsn: citizen, schemeId: 'veel-tegelijk', amount })),
    );

    expect(
      countBy(responses, (response) => `${response.status} ${response.status === 201 ? '' : response.text}`),
    ).toEqual({ '201 ': 50 });
    const depositIds = responses.map((response) => response.body.depositId);
    expect(new Set(depositIds).size).toBe(50);
    expect((await accountOf(citizen)).totals.available).toBe(amounts.reduce((sum, amount) => sum + amount, 0));
    const history = await transactionsOf(citizen);
    expect(history.map((item) => item.id).sort()).toEqual([...depositIds].sort());
  });

  it(
    'refuses the same Idempotency-Key with another amount ' + 'with 409 idempotency_key_reused and moves nothing',
    async () => {
      const citizen = validBsn(6);
      await givenScheme('funder-rijk', { schemeId: 'hergebruik', label: 'Hergebruik' });
      const key = `reuse-${randomUUID()}`;
      expect((await deposit('funder-rijk', { bsn: citizen, schemeId: 'hergebruik', amount: 1_000 }, key)).status).toBe(
        201,
      );

      const reused = await deposit('funder-rijk', { bsn: citizen, schemeId: 'hergebruik', amount: 2_000 }, key);

      expectProblem(reused, 409, 'idempotency_key_reused');
      expect(await transactionsOf(citizen)).toHaveLength(1);
      expect((await accountOf(citizen)).totals.available).toBe(1_000);
    },
  );

  it('keeps keys apart per client: another funder may use the same Idempotency-Key for its own deposit', async () => {
    const citizen = validBsn(7);
    await givenScheme('funder-rijk', { schemeId: 'sleutel-rijk', label: 'Sleutel Rijk' });
    await givenScheme('funder-sector-demo', { schemeId: 'sleutel-sector', label: 'Sleutel sector' });
    const key = `shared-${randomUUID()}`;

    expect((await deposit('funder-rijk', { bsn: citizen, schemeId: 'sleutel-rijk', amount: 100 }, key)).status).toBe(
      201,
    );
    expect(
      (await deposit('funder-sector-demo', { bsn: citizen, schemeId: 'sleutel-sector', amount: 200 }, key)).status,
    ).toBe(201);

    expect((await accountOf(citizen)).totals.available).toBe(300);
  });

  it('refuses a scheme the funder does not have with 422 unknown_scheme', async () => {
    const citizen = validBsn(8);

    expectProblem(
      await deposit('funder-rijk', { bsn: citizen, schemeId: 'bestaat-niet', amount: 100 }),
      422,
      'unknown_scheme',
    );
    expect(await transactionsOf(citizen)).toEqual([]);
  });

  it('refuses a BSN that fails the elfproef with 422 unknown_person', async () => {
    const response = await deposit('funder-rijk', {
      bsn: bsnFailingElfproef(9),
      schemeId: 'ontwikkelbudget',
      amount: 100,
    });

    expectProblem(response, 422, 'unknown_person');
    expect(response.text).not.toContain(bsnFailingElfproef(9));
  });

  it(
    'resolves schemeId only among the caller’s own schemes: ' + 'another funder’s scheme is unknown_scheme',
    async () => {
      const citizen = validBsn(10);
      await givenScheme('funder-rijk', { schemeId: 'alleen-rijk', label: 'Alleen Rijk' });

      expectProblem(
        await deposit('funder-sector-demo', { bsn: citizen, schemeId: 'alleen-rijk', amount: 100 }),
        422,
        'unknown_scheme',
      );
      expectProblem(
        await deposit('employer-demo', { bsn: validBsn(0), schemeId: 'ontwikkelbudget', amount: 100 }),
        422,
        'unknown_scheme',
      );
      expect(await transactionsOf(citizen)).toEqual([]);
    },
  );
});

describe('POST /v1/schemes and GET /v1/schemes', () => {
  it(
    'creates a scheme with 201 ' + 'and refuses the same schemeId for that funder again with 409 scheme_exists',
    async () => {
      const scheme = {
        schemeId: 'dubbel',
        label: 'Dubbel',
        expiresAfterMonths: 12,
        categories: ['techniek'],
        maxPerCourse: 50_000,
        budget: 1_000_000,
      };

      const created = await createScheme('funder-sector-demo', scheme);
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({
        ...scheme,
        funder: { type: 'sector', name: 'O&O-fonds Techniek' },
        revocable: false,
      });

      expectProblem(
        await createScheme('funder-sector-demo', { ...scheme, label: 'Een ander label' }),
        409,
        'scheme_exists',
      );
    },
  );

  it('keeps scheme ids per funder: another funder may define a scheme with the same id', async () => {
    await givenScheme('funder-rijk', { schemeId: 'gedeelde-naam', label: 'Van het Rijk' });

    expect(
      (await createScheme('funder-sector-demo', { schemeId: 'gedeelde-naam', label: 'Van de sector' })).status,
    ).toBe(201);
  });

  it('lists only the caller’s own schemes', async () => {
    await givenScheme('funder-rijk', { schemeId: 'lijst-rijk', label: 'Lijst Rijk' });
    await givenScheme('funder-sector-demo', { schemeId: 'lijst-sector', label: 'Lijst sector' });

    const rijk = await system.api('GET', '/v1/schemes?limit=200', { token: await system.token('funder-rijk') });
    const sector = await system.api('GET', '/v1/schemes?limit=200', {
      token: await system.token('funder-sector-demo'),
    });

    expect(rijk.status).toBe(200);
    expect(sector.status).toBe(200);
    const rijkItems = rijk.body.items as Array<{ schemeId: string; funder: { name: string } }>;
    const sectorItems = sector.body.items as Array<{ schemeId: string; funder: { name: string } }>;
    expect(rijkItems.map((item) => item.schemeId)).toEqual(expect.arrayContaining(['ontwikkelbudget', 'lijst-rijk']));
    expect(rijkItems.map((item) => item.schemeId)).not.toContain('lijst-sector');
    expect(rijkItems.every((item) => item.funder.name === 'Rijksoverheid')).toBe(true);
    expect(sectorItems.map((item) => item.schemeId)).toEqual(
      expect.arrayContaining(['techniek-scholing', 'lijst-sector']),
    );
    expect(sectorItems.map((item) => item.schemeId)).not.toContain('lijst-rijk');
    expect(sectorItems.every((item) => item.funder.name === 'O&O-fonds Techniek')).toBe(true);
  });
});

describe('a scheme with a budget', () => {
  it(
    'refuses a deposit beyond what is left of the budget ' + 'with 409 budget_exceeded and still accepts one that fits',
    async () => {
      const citizen = validBsn(20);
      await givenScheme('funder-rijk', { schemeId: 'begrensd', label: 'Begrensd', budget: 1_000 });
      expect((await deposit('funder-rijk', { bsn: citizen, schemeId: 'begrensd', amount: 600 })).status).toBe(201);

      expectProblem(
        await deposit('funder-rijk', { bsn: citizen, schemeId: 'begrensd', amount: 401 }),
        409,
        'budget_exceeded',
      );
      expect((await deposit('funder-rijk', { bsn: citizen, schemeId: 'begrensd', amount: 400 })).status).toBe(201);
      expectProblem(
        await deposit('funder-rijk', { bsn: citizen, schemeId: 'begrensd', amount: 1 }),
        409,
        'budget_exceeded',
      );

      expect((await accountOf(citizen)).totals.available).toBe(1_000);
      expect(await transactionsOf(citizen)).toHaveLength(2);
    },
  );

  it('lets exactly 10 of 30 deposits sent at the same time through when the budget fits exactly 10', async () => {
    await givenScheme('funder-rijk', { schemeId: 'tien-keer', label: 'Tien keer', budget: 10 * 2_500 });
    const citizens = Array.from({ length: 30 }, (_, index) => validBsn(100 + index));
    const before = await system.reconcile();

    const responses = await Promise.all(
      citizens.map((bsn) => deposit('funder-rijk', { bsn, schemeId: 'tien-keer', amount: 2_500 })),
    );

    expect(
      countBy(responses, (response) =>
        response.status === 201 ? '201' : `${response.status} ${(response.body as unknown as Problem).code}`,
      ),
    ).toEqual({
      '201': 10,
      '409 budget_exceeded': 20,
    });
    expect((await system.reconcile()).transfers).toBe(before.transfers + 10);
    const balances = await Promise.all(citizens.map(async (bsn) => (await accountOf(bsn)).totals.available));
    expect(balances.reduce((sum, available) => sum + available, 0)).toBe(25_000);
  });
});

describe('deposits by an employer', () => {
  it('are accepted only for registered employees: 422 not_employed before POST /v1/employees, 201 after', async () => {
    const employee = validBsn(30);
    await givenScheme('employer-demo', { schemeId: 'opleiding-personeel', label: 'Opleiding personeel' });
    const key = `salary-${randomUUID()}`;

    expectProblem(
      await deposit('employer-demo', { bsn: employee, schemeId: 'opleiding-personeel', amount: 30_000 }, key),
      422,
      'not_employed',
    );
    expect(await transactionsOf(employee)).toEqual([]);

    const registered = await registerEmployee(employee, '2024-01-01');
    expect(registered.status, registered.text).toBe(201);
    expect(registered.body).toEqual({ startDate: '2024-01-01', status: 'active' });
    expect(registered.text).not.toContain(employee);

    // A refused request moved nothing, so the same key may be used again once the cause is fixed.
    const accepted = await deposit(
      'employer-demo',
      { bsn: employee, schemeId: 'opleiding-personeel', amount: 30_000 },
      key,
    );
    expect(accepted.status, accepted.text).toBe(201);
    const account = await accountOf(employee);
    expect(account.pots).toEqual([
      expect.objectContaining({
        schemeId: 'opleiding-personeel',
        funder: { type: 'employer', name: 'Bouwbedrijf De Vries' },
        available: 30_000,
      }),
    ]);
  });

  it('answers 200 to registering an employee who is already registered, keeping the first start date', async () => {
    const employee = validBsn(31);
    expect((await registerEmployee(employee, '2023-05-01')).status).toBe(201);

    const again = await registerEmployee(employee, '2024-02-01');

    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ startDate: '2023-05-01', status: 'active' });
  });

  it('refuses a deposit for an employee whose employment starts later with 422 not_employed', async () => {
    const employee = validBsn(32);
    await givenScheme('employer-demo', { schemeId: 'toekomstig', label: 'Toekomstig' });
    expect((await registerEmployee(employee, '2099-01-01')).status).toBe(201);

    expectProblem(
      await deposit('employer-demo', { bsn: employee, schemeId: 'toekomstig', amount: 100 }),
      422,
      'not_employed',
    );
  });
});

// One leaver's story, told in order: each step builds on the one before.
describe('POST /v1/employees/end', () => {
  const leaver = validBsn(40);
  const endKey = `end-${randomUUID()}`;
  let firstEnd: ApiResponse<{ returned: number }>;

  it(
    'returns what is left in the employer’s revocable pots as { returned }; ' + 'money of other schemes stays',
    async () => {
      await givenScheme('employer-demo', { schemeId: 'terugvorderbaar', label: 'Terugvorderbaar', revocable: true });
      await givenScheme('employer-demo', { schemeId: 'blijvend', label: 'Blijvend' });
      await givenScheme('funder-rijk', { schemeId: 'rijk-voor-leaver', label: 'Rijk voor leaver' });
      expect((await registerEmployee(leaver, '2024-01-01')).status).toBe(201);
      expect(
        (await deposit('employer-demo', { bsn: leaver, schemeId: 'terugvorderbaar', amount: 30_000 })).status,
      ).toBe(201);
      expect((await deposit('employer-demo', { bsn: leaver, schemeId: 'terugvorderbaar', amount: 5_000 })).status).toBe(
        201,
      );
      expect((await deposit('employer-demo', { bsn: leaver, schemeId: 'blijvend', amount: 20_000 })).status).toBe(201);
      expect((await deposit('funder-rijk', { bsn: leaver, schemeId: 'rijk-voor-leaver', amount: 7_000 })).status).toBe(
        201,
      );

      firstEnd = await endEmployment(leaver, dateOf(new Date()), endKey);

      expect(firstEnd.status, firstEnd.text).toBe(200);
      expect(firstEnd.body).toEqual({ returned: 35_000 });
      const account = await accountOf(leaver);
      expect(account.totals).toEqual({ available: 27_000, reserved: 0 });
      // The overview shows only pots that still hold money, so the emptied pot leaves it.
      const available = Object.fromEntries(account.pots.map((pot) => [pot.schemeId, pot.available]));
      expect(available).toEqual({ blijvend: 20_000, 'rijk-voor-leaver': 7_000 });
    },
  );

  it('shows the citizen the returned money as a revocation in their history', async () => {
    const [newest] = await transactionsOf(leaver);

    expect(newest).toMatchObject({ type: 'revocation', amount: -35_000, schemeId: 'terugvorderbaar' });
    expect(newest?.description).toMatch(/Bouwbedrijf De Vries/);
  });

  it('answers a retry of the same end request with the same body, returning nothing twice', async () => {
    const historyBefore = await transactionsOf(leaver);

    const retry = await endEmployment(leaver, dateOf(new Date()), endKey);

    expect(retry.status).toBe(200);
    expect(retry.text).toBe(firstEnd.text);
    expect(await transactionsOf(leaver)).toEqual(historyBefore);
    expect((await accountOf(leaver)).totals.available).toBe(27_000);
  });

  it('stops the employer’s deposits for the former employee with 422 not_employed', async () => {
    expectProblem(
      await deposit('employer-demo', { bsn: leaver, schemeId: 'terugvorderbaar', amount: 1_000 }),
      422,
      'not_employed',
    );
    expectProblem(
      await deposit('employer-demo', { bsn: leaver, schemeId: 'blijvend', amount: 1_000 }),
      422,
      'not_employed',
    );
    expect((await accountOf(leaver)).totals.available).toBe(27_000);
  });

  it('refuses to end the same employment again with a new key with 422 not_employed', async () => {
    expectProblem(await endEmployment(leaver, dateOf(new Date()), `end-again-${randomUUID()}`), 422, 'not_employed');
  });

  it('returns the money once when the same employment is ended with 10 different keys at the same time', async () => {
    const employee = validBsn(42);
    expect((await registerEmployee(employee, '2024-01-01')).status).toBe(201);
    expect((await deposit('employer-demo', { bsn: employee, schemeId: 'terugvorderbaar', amount: 8_000 })).status).toBe(
      201,
    );

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => endEmployment(employee, '2025-06-30', `end-${randomUUID()}`)),
    );

    expect(
      countBy(responses, (response) =>
        response.status === 200 ? response.text : `${response.status} ${(response.body as unknown as Problem).code}`,
      ),
    ).toEqual({
      '{"returned":8000}': 1,
      '422 not_employed': 9,
    });
    expect((await transactionsOf(employee)).filter((item) => item.type === 'revocation')).toHaveLength(1);
    expect((await accountOf(employee)).totals.available).toBe(0);
  });

  it('refuses to end the employment of someone who was never employed with 422 not_employed', async () => {
    expectProblem(await endEmployment(validBsn(41), '2025-01-01', `end-${randomUUID()}`), 422, 'not_employed');
  });
});

describe('the ledger after every deposit above', () => {
  it('balances: every account sums to zero and matches its ledger entries', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
