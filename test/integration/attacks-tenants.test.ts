import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPersonIdSecret } from '../../infra/local/demo-world.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { movementRecordFromItem } from '../../shared/store/dynamo/movement-record.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { type ApiResponse, startTestSystem, type TestSystem, validBsn } from '../support/local-system.ts';
import { portalToken } from '../support/portal-login.ts';
import { isUsageItem, scanTable } from '../support/table-scan.ts';

/**
 * One tenant reaching for another's data or money, with a valid token of its own, through the real
 * local system. Every attempt is refused with 403, or 404 (or 422 "unknown …") where a 403 would
 * say that the thing exists, and writes nothing: the whole table is the same before and after,
 * and so are the reconciliation counts, except for the audit trail, which records a refused
 * attempt to move money (one entry: who, what, refused, with the code the caller got).
 *
 * Besides the demo clients, the system knows a second employer and a second training provider,
 * each with a client of its own at the issuer and in the client registry. A caller named
 * `portal:<client id>` is a person logged in to the business portal for that organisation (code +
 * PKCE through the local provider): the same tenant, so the same refusals.
 */

const employerX = { clientId: 'employer-x', clientSecret: 'employer-x-secret' };
const providerX = { clientId: 'provider-x', clientSecret: 'provider-x-secret' };
const employerXId = '87654321';
const providerXId = 'opleidingen-zuid';

/** Citizen A works for employer X; citizen B for the demo employer. */
const citizenA = validBsn(21);
const citizenB = validBsn(22);

const today = dateOf(new Date());
const startDate = addDays(today, -7);
const evidence = { kind: 'attendance', date: today } as const;

let system: TestSystem;
let storeClient: ReturnType<typeof dynamoClient>;
let store: DynamoLedgerStore;

/** Claims by the demo provider for B: one awaiting approval, one approved; and the same for A by provider X. */
const claims = { bAwaiting: '', bApproved: '', aByProviderX: '' };
/** An Idempotency-Key the demo employer used for a deposit for B. */
const demoEmployersKey = randomUUID();
/** A deposit batch of employer X's. */
let employerXsBatch = '';

/** Portal users' tokens, by organisation, so each logs in once. */
const portalTokens = new Map<string, Promise<string>>();

async function call(
  clientOrCitizen: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; idempotencyKey?: string } = {},
): Promise<ApiResponse> {
  const portalOrg = clientOrCitizen.startsWith('portal:') ? clientOrCitizen.slice('portal:'.length) : undefined;
  if (portalOrg !== undefined && !portalTokens.has(portalOrg)) {
    portalTokens.set(portalOrg, portalToken(system.origin, portalOrg));
  }
  const token =
    portalOrg !== undefined
      ? await portalTokens.get(portalOrg)
      : clientOrCitizen === citizenA || clientOrCitizen === citizenB
        ? await system.citizenToken(clientOrCitizen)
        : await system.token(clientOrCitizen);
  return system.api(method, path, { token, ...options });
}

async function expectStatus(response: ApiResponse | Promise<ApiResponse>, status: number): Promise<ApiResponse> {
  const answered = await response;
  expect(answered.status, answered.text).toBe(status);
  return answered;
}

beforeAll(async () => {
  system = await startTestSystem({ extraBusinessClients: [employerX, providerX] });
  storeClient = dynamoClient(system.dynamoEndpoint);
  store = new DynamoLedgerStore({ client: storeClient, tableName: system.tableName });
  await store.putClient({
    clientId: employerX.clientId,
    role: 'employer',
    orgId: employerXId,
    orgName: 'Schildersbedrijf Jansen',
    funderType: 'employer',
    status: 'active',
  });
  await store.putClient({
    clientId: providerX.clientId,
    role: 'provider',
    orgId: providerXId,
    orgName: 'Opleidingen Zuid',
    status: 'active',
  });
  await expectStatus(
    call('auditor-demo', 'POST', '/v1/admin/providers', {
      body: {
        providerId: providerXId,
        name: 'Opleidingen Zuid',
        kvk: '11223344',
        iban: 'NL91ABNA0417164300',
        status: 'active',
      },
    }),
    201,
  );

  // Money: the public budget for both citizens, and each employer's own scheme for its employee.
  for (const bsn of [citizenA, citizenB]) {
    await expectStatus(
      call('funder-rijk', 'POST', '/v1/deposits', {
        body: { bsn, schemeId: 'ontwikkelbudget', amount: 100_000 },
        idempotencyKey: randomUUID(),
      }),
      201,
    );
  }
  await expectStatus(
    call(employerX.clientId, 'POST', '/v1/schemes', {
      body: { schemeId: 'x-budget', label: 'Budget Jansen', revocable: true },
    }),
    201,
  );
  await expectStatus(
    call(employerX.clientId, 'POST', '/v1/employees', { body: { bsn: citizenA, startDate: '2023-01-01' } }),
    201,
  );
  await expectStatus(
    call(employerX.clientId, 'POST', '/v1/deposits', {
      body: { bsn: citizenA, schemeId: 'x-budget', amount: 20_000 },
      idempotencyKey: randomUUID(),
    }),
    201,
  );
  employerXsBatch = (
    await expectStatus(
      call(employerX.clientId, 'POST', '/v1/deposit-batches', {
        body: { rows: [{ bsn: citizenA, schemeId: 'x-budget', amount: 1_000 }] },
        idempotencyKey: randomUUID(),
      }),
      202,
    )
  ).body.batchId;
  await expectStatus(
    call('employer-demo', 'POST', '/v1/employees', { body: { bsn: citizenB, startDate: '2023-01-01' } }),
    201,
  );
  await expectStatus(
    call('employer-demo', 'POST', '/v1/deposits', {
      body: { bsn: citizenB, schemeId: 'vakmanschap', amount: 20_000 },
      idempotencyKey: demoEmployersKey,
    }),
    201,
  );

  // Claims: the demo provider's for B, provider X's for A (on a course of its own).
  const claim = async (client: string, bsn: string, courseId: string, amount: number) =>
    (
      await expectStatus(
        call(client, 'POST', '/v1/claims', {
          body: { bsn, courseId, amount, startDate },
          idempotencyKey: randomUUID(),
        }),
        201,
      )
    ).body.claimId as string;
  claims.bAwaiting = await claim('provider-demo', citizenB, 'excel-basis', 25_000);
  claims.bApproved = await claim('provider-demo', citizenB, 'excel-basis', 20_000);
  await expectStatus(
    call(citizenB, 'POST', `/v1/me/claims/${claims.bApproved}/approve`, { idempotencyKey: randomUUID() }),
    200,
  );
  await expectStatus(
    call(providerX.clientId, 'POST', '/v1/courses', {
      body: { courseId: 'x-cursus', title: 'Schilderen', category: 'techniek', price: 30_000 },
    }),
    201,
  );
  claims.aByProviderX = await claim(providerX.clientId, citizenA, 'x-cursus', 30_000);
  await expectStatus(
    call(citizenA, 'POST', `/v1/me/claims/${claims.aByProviderX}/approve`, { idempotencyKey: randomUUID() }),
    200,
  );
});

afterAll(async () => {
  storeClient?.destroy();
  await system?.stop();
});

interface Snapshot {
  /** Every item but the audit trail's, and the ledger's counts: what a refused request must not change. */
  readonly state: unknown;
  readonly auditIds: ReadonlySet<string>;
  readonly audit: ReadonlyArray<Record<string, any>>;
}

/** An audit entry that records no money: what a refusal writes (a movement record of its own). */
const isAudit = (item: Record<string, unknown>) => item['sk'] === 'AUDITENTRY';

/** Everything a refused request could have changed. */
async function snapshot(): Promise<Snapshot> {
  const [scanned, reconciliation] = await Promise.all([
    scanTable(system.dynamoEndpoint, system.tableName),
    system.reconcile(),
  ]);
  // The usage report's items change on the stream reader's own time, never by a request (`isUsageItem`).
  const items = scanned.filter((item) => !isUsageItem(item));
  const { accounts, transfers, sum, balanced } = reconciliation;
  const audit = items.filter(isAudit).map((item) => movementRecordFromItem(item).audit as Record<string, any>);
  return {
    state: { items: items.filter((item) => !isAudit(item)), ledger: { accounts, transfers, sum, balanced } },
    auditIds: new Set(audit.map((entry) => String(entry['auditId']))),
    audit,
  };
}

/** Nothing changed but, at most, one audit entry recording this very refusal. */
async function expectNothingWritten(before: Snapshot, code: string): Promise<void> {
  const after = await snapshot();
  expect(after.state).toEqual(before.state);
  const added = after.audit.filter((entry) => !before.auditIds.has(String(entry['auditId'])));
  expect(added.length).toBeLessThanOrEqual(1);
  for (const entry of added) expect(entry).toMatchObject({ outcome: 'refused', code });
}

interface Attack {
  readonly name: string;
  readonly as: () => string;
  readonly method: 'GET' | 'POST';
  readonly path: () => string;
  readonly body?: () => unknown;
  readonly movesMoney?: boolean;
  readonly status: number;
  readonly code: string;
  /**
   * Proves, before the attack, that what it reaches for exists and its owner can act on it: a
   * refusal must be down to the tenant, not to there being nothing to find.
   */
  readonly exists?: () => Promise<void>;
}

/**
 * Proves that `employerClient` (with `employerId`) employs the citizen: the employment is stored and
 * ongoing, and the employer registering them again is answered 200 with the original start (201
 * would mean there was no employment).
 */
const employed = (employerClient: string, employerId: string, bsn: () => string) => async () => {
  const employment = await store.getEmployment(employerId, personIdFromBsn(bsn(), localPersonIdSecret));
  expect(employment, `${employerClient} employs ${bsn()}`).toMatchObject({ startDate: '2023-01-01' });
  expect(employment?.endDate).toBeUndefined();
  const again = await call(employerClient, 'POST', '/v1/employees', { body: { bsn: bsn(), startDate: '2023-01-01' } });
  expect(again.status, again.text).toBe(200);
  expect(again.body).toMatchObject({ startDate: '2023-01-01', status: 'active' });
};

const reject = (
  name: string,
  as: () => string,
  method: 'GET' | 'POST',
  path: () => string,
  status: number,
  code: string,
  extra: Partial<Attack> = {},
): Attack => ({
  name,
  as,
  method,
  path,
  status,
  code,
  ...extra,
});

const employerXs = () => employerX.clientId;
const providerXs = () => providerX.clientId;
const a = () => citizenA;

const validProviderBody = () => ({
  providerId: 'opleidingen-noord',
  name: 'Opleidingen Noord',
  kvk: '87654321',
  iban: 'NL91ABNA0417164300',
  status: 'suspended',
});

const attacks: readonly Attack[] = [
  // Citizen A and citizen B's claims: the same 404 as for a claim that does not exist.
  reject(
    'citizen A reading the allocation of B’s claim',
    a,
    'GET',
    () => `/v1/me/claims/${claims.bAwaiting}/allocation`,
    404,
    'unknown_claim',
  ),
  reject(
    'citizen A approving B’s claim (money would be held in A’s pots)',
    a,
    'POST',
    () => `/v1/me/claims/${claims.bAwaiting}/approve`,
    404,
    'unknown_claim',
    { movesMoney: true },
  ),
  reject(
    'citizen A approving B’s claim with a split of A’s own',
    a,
    'POST',
    () => `/v1/me/claims/${claims.bAwaiting}/approve`,
    404,
    'unknown_claim',
    {
      movesMoney: true,
      body: () => ({ parts: [{ schemeId: 'ontwikkelbudget', amount: 25_000 }] }),
    },
  ),
  reject(
    'citizen A rejecting B’s claim',
    a,
    'POST',
    () => `/v1/me/claims/${claims.bAwaiting}/reject`,
    404,
    'unknown_claim',
  ),
  reject(
    'citizen A approving B’s already approved claim (404, not 409, which would say it exists)',
    a,
    'POST',
    () => `/v1/me/claims/${claims.bApproved}/approve`,
    404,
    'unknown_claim',
    { movesMoney: true },
  ),
  reject(
    'citizen A reading the allocation of B’s approved claim',
    a,
    'GET',
    () => `/v1/me/claims/${claims.bApproved}/allocation`,
    404,
    'unknown_claim',
  ),
  // Employer X and the demo employer's people, schemes and employments.
  reject(
    'employer X depositing for B, whom it does not employ, from its own scheme',
    employerXs,
    'POST',
    () => '/v1/deposits',
    422,
    'not_employed',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenB, schemeId: 'x-budget', amount: 1_000 }),
      exists: employed('employer-demo', '12345678', () => citizenB),
    },
  ),
  reject(
    'employer X depositing for B from the demo employer’s scheme',
    employerXs,
    'POST',
    () => '/v1/deposits',
    422,
    'unknown_scheme',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenB, schemeId: 'vakmanschap', amount: 1_000 }),
    },
  ),
  reject(
    'employer X ending B’s employment with the demo employer (which would take back the demo employer’s money)',
    employerXs,
    'POST',
    () => '/v1/employees/end',
    422,
    'not_employed',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenB, endDate: today }),
      exists: employed('employer-demo', '12345678', () => citizenB),
    },
  ),
  reject(
    'the demo employer ending A’s employment with employer X',
    () => 'employer-demo',
    'POST',
    () => '/v1/employees/end',
    422,
    'not_employed',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenA, endDate: today }),
      exists: employed(employerX.clientId, employerXId, () => citizenA),
    },
  ),
  // Funders and schemes they do not own: "unknown scheme", as for one that does not exist.
  reject(
    'the sector fund depositing from the Rijk’s scheme',
    () => 'funder-sector-demo',
    'POST',
    () => '/v1/deposits',
    422,
    'unknown_scheme',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenA, schemeId: 'ontwikkelbudget', amount: 1_000 }),
    },
  ),
  reject(
    'the Rijk depositing from the sector fund’s scheme',
    () => 'funder-rijk',
    'POST',
    () => '/v1/deposits',
    422,
    'unknown_scheme',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenA, schemeId: 'techniek-scholing', amount: 1_000 }),
    },
  ),
  reject(
    'the demo employer depositing from the Rijk’s scheme',
    () => 'employer-demo',
    'POST',
    () => '/v1/deposits',
    422,
    'unknown_scheme',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenB, schemeId: 'ontwikkelbudget', amount: 1_000 }),
    },
  ),
  reject(
    'a funder depositing from employer X’s scheme',
    () => 'funder-rijk',
    'POST',
    () => '/v1/deposits',
    422,
    'unknown_scheme',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenA, schemeId: 'x-budget', amount: 1_000 }),
    },
  ),
  // Provider X and the demo provider's claims, and the reverse.
  reject(
    'provider X reading the demo provider’s claim',
    providerXs,
    'GET',
    () => `/v1/claims/${claims.bApproved}`,
    404,
    'unknown_claim',
  ),
  reject(
    'provider X capturing the demo provider’s approved claim',
    providerXs,
    'POST',
    () => `/v1/claims/${claims.bApproved}/capture`,
    404,
    'unknown_claim',
    {
      movesMoney: true,
      body: () => ({ amount: 20_000, evidence }),
    },
  ),
  reject(
    'provider X cancelling the demo provider’s approved claim',
    providerXs,
    'POST',
    () => `/v1/claims/${claims.bApproved}/cancel`,
    404,
    'unknown_claim',
    { movesMoney: true },
  ),
  reject(
    'provider X cancelling the demo provider’s claim awaiting approval',
    providerXs,
    'POST',
    () => `/v1/claims/${claims.bAwaiting}/cancel`,
    404,
    'unknown_claim',
    { movesMoney: true },
  ),
  reject(
    'the demo provider reading provider X’s claim',
    () => 'provider-demo',
    'GET',
    () => `/v1/claims/${claims.aByProviderX}`,
    404,
    'unknown_claim',
  ),
  reject(
    'the demo provider capturing provider X’s approved claim',
    () => 'provider-demo',
    'POST',
    () => `/v1/claims/${claims.aByProviderX}/capture`,
    404,
    'unknown_claim',
    {
      movesMoney: true,
      body: () => ({ amount: 30_000, evidence }),
    },
  ),
  reject(
    'the demo provider cancelling provider X’s approved claim',
    () => 'provider-demo',
    'POST',
    () => `/v1/claims/${claims.aByProviderX}/cancel`,
    404,
    'unknown_claim',
    { movesMoney: true },
  ),
  // A portal user acts for their organisation and no other: the refusals of its client token.
  reject(
    'a portal user of the demo employer ending A’s employment with employer X',
    () => 'portal:employer-demo',
    'POST',
    () => '/v1/employees/end',
    422,
    'not_employed',
    {
      movesMoney: true,
      body: () => ({ bsn: citizenA, endDate: today }),
      exists: employed(employerX.clientId, employerXId, () => citizenA),
    },
  ),
  reject(
    'a portal user of the demo employer depositing from employer X’s scheme',
    () => 'portal:employer-demo',
    'POST',
    () => '/v1/deposits',
    422,
    'unknown_scheme',
    { movesMoney: true, body: () => ({ bsn: citizenA, schemeId: 'x-budget', amount: 1_000 }) },
  ),
  reject(
    'a portal user of the demo employer reading employer X’s deposit batch',
    () => 'portal:employer-demo',
    'GET',
    () => `/v1/deposit-batches/${employerXsBatch}`,
    404,
    'unknown_batch',
    {
      exists: async () => {
        await expectStatus(call(employerX.clientId, 'GET', `/v1/deposit-batches/${employerXsBatch}`), 200);
      },
    },
  ),
  reject(
    'a portal user of the demo employer reading the demo provider’s claim',
    () => 'portal:employer-demo',
    'GET',
    () => `/v1/claims/${claims.bApproved}`,
    403,
    'forbidden',
  ),
  reject(
    'a portal user of provider X reading the demo provider’s claim',
    () => 'portal:provider-x',
    'GET',
    () => `/v1/claims/${claims.bApproved}`,
    404,
    'unknown_claim',
  ),
  reject(
    'a portal user of provider X capturing the demo provider’s approved claim',
    () => 'portal:provider-x',
    'POST',
    () => `/v1/claims/${claims.bApproved}/capture`,
    404,
    'unknown_claim',
    { movesMoney: true, body: () => ({ amount: 20_000, evidence }) },
  ),
  reject(
    'a portal user of the demo employer reading the audit trail',
    () => 'portal:employer-demo',
    'GET',
    () => `/v1/admin/audit?from=${today}&to=${today}`,
    403,
    'forbidden',
  ),
  // Anyone but the auditor on /v1/admin/*.
  ...['employer-demo', 'employer-x', 'funder-rijk', 'funder-sector-demo', 'provider-demo', 'provider-x'].flatMap(
    (client) => [
      reject(
        `${client} reading the reconciliation`,
        () => client,
        'GET',
        () => '/v1/admin/reconciliation',
        403,
        'forbidden',
      ),
      reject(
        `${client} reading the audit trail`,
        () => client,
        'GET',
        () => `/v1/admin/audit?from=${today}&to=${today}`,
        403,
        'forbidden',
      ),
      reject(
        `${client} suspending the demo provider`,
        () => client,
        'POST',
        () => '/v1/admin/providers',
        403,
        'forbidden',
        { body: validProviderBody },
      ),
    ],
  ),
  // A citizen's token is no credential for a business route at all (see attacks-tokens.test.ts).
  reject('a citizen reading the reconciliation', a, 'GET', () => '/v1/admin/reconciliation', 401, 'unauthorized'),
  reject(
    'a citizen reading the audit trail',
    a,
    'GET',
    () => `/v1/admin/audit?from=${today}&to=${today}`,
    401,
    'unauthorized',
  ),
  reject('a citizen suspending the demo provider', a, 'POST', () => '/v1/admin/providers', 401, 'unauthorized', {
    body: validProviderBody,
  }),
];

describe('one tenant reaching for another’s data or money', () => {
  it.each(attacks.map((attack) => [`${attack.name} → ${attack.status} ${attack.code}`, attack] as const))(
    '%s, and nothing is written',
    async (_title, attack) => {
      await attack.exists?.();
      const before = await snapshot();

      const response = await call(attack.as(), attack.method, attack.path(), {
        ...(attack.body !== undefined && { body: attack.body() }),
        ...(attack.movesMoney === true && { idempotencyKey: randomUUID() }),
      });

      expect(response.status, response.text).toBe(attack.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: attack.status, code: attack.code });
      for (const bsn of [citizenA, citizenB]) expect(response.text).not.toContain(bsn);
      await expectNothingWritten(before, attack.code);
    },
  );

  it(
    'employer X reusing the demo employer’s Idempotency-Key ' + 'gets no replay of the demo employer’s deposit',
    async () => {
      const before = await snapshot();

      const response = await call(employerXs(), 'POST', '/v1/deposits', {
        body: { bsn: citizenB, schemeId: 'vakmanschap', amount: 20_000 },
        idempotencyKey: demoEmployersKey,
      });

      // Keys are scoped per client: X's request is judged on its own, and X has no such scheme.
      expect(response.status, response.text).toBe(422);
      expect(response.body).toMatchObject({ code: 'unknown_scheme' });
      expect(response.text).not.toContain('depositId');
      await expectNothingWritten(before, 'unknown_scheme');
    },
  );

  it('B’s employment with the demo employer and A’s with employer X are still ongoing', async () => {
    const [employmentB, employmentA] = await Promise.all([
      store.getEmployment('12345678', personIdFromBsn(citizenB, localPersonIdSecret)),
      store.getEmployment(employerXId, personIdFromBsn(citizenA, localPersonIdSecret)),
    ]);
    // Both must exist: an employment that is not there has no end date either.
    expect(employmentB).toMatchObject({ startDate: '2023-01-01' });
    expect(employmentA).toMatchObject({ startDate: '2023-01-01' });
    expect(employmentB?.endDate).toBeUndefined();
    expect(employmentA?.endDate).toBeUndefined();
  });

  // The usage report (GET /v1/reports/usage) does not exist yet; its tenant check belongs with it.
});

describe('lists show only the caller’s own', () => {
  it('citizen A’s claims and history hold nothing of B’s', async () => {
    const [myClaims, history] = await Promise.all([
      call(citizenA, 'GET', '/v1/me/claims?limit=200'),
      call(citizenA, 'GET', '/v1/me/transactions?limit=200'),
    ]);

    expect(myClaims.status).toBe(200);
    expect((myClaims.body.items as Array<{ claimId: string }>).map((claim) => claim.claimId)).toEqual([
      claims.aByProviderX,
    ]);
    expect(history.status).toBe(200);
    expect((history.body.items as Array<{ schemeId: string }>).every((item) => item.schemeId !== 'vakmanschap')).toBe(
      true,
    );
    expect(JSON.stringify(history.body)).not.toContain(claims.bApproved);
  });

  it('employer X sees only its own schemes; the demo employer never sees X’s', async () => {
    const [ofX, ofDemo] = await Promise.all([
      call(employerXs(), 'GET', '/v1/schemes?limit=200'),
      call('employer-demo', 'GET', '/v1/schemes?limit=200'),
    ]);

    expect((ofX.body.items as Array<{ schemeId: string }>).map((scheme) => scheme.schemeId)).toEqual(['x-budget']);
    expect((ofDemo.body.items as Array<{ schemeId: string }>).map((scheme) => scheme.schemeId)).toEqual([
      'vakmanschap',
    ]);
  });

  it('a funder sees only its own schemes', async () => {
    const sector = await call('funder-sector-demo', 'GET', '/v1/schemes?limit=200');

    expect((sector.body.items as Array<{ schemeId: string }>).map((scheme) => scheme.schemeId)).toEqual([
      'techniek-scholing',
    ]);
  });

  it(
    'scheme ids are per funder: employer X may define "vakmanschap" too, ' +
      'without learning that the demo employer has one',
    async () => {
      const response = await call(employerXs(), 'POST', '/v1/schemes', {
        body: { schemeId: 'vakmanschap', label: 'Vakmanschap Jansen' },
      });

      expect(response.status, response.text).toBe(201);
      const ofDemo = await call('employer-demo', 'GET', '/v1/schemes?limit=200');
      expect(ofDemo.body.items).toEqual([
        expect.objectContaining({ schemeId: 'vakmanschap', label: 'Budget vakmanschap De Vries' }),
      ]);
    },
  );

  it(
    'provider X’s claim list holds only its own claims, ' + 'also when it pages with the demo provider’s cursor',
    async () => {
      const own = await call(providerXs(), 'GET', '/v1/claims?limit=200');
      expect((own.body.items as Array<{ claimId: string }>).map((claim) => claim.claimId)).toEqual([
        claims.aByProviderX,
      ]);

      const demoFirstPage = await call('provider-demo', 'GET', '/v1/claims?limit=1');
      expect(demoFirstPage.body.nextCursor).toEqual(expect.any(String));
      const withDemoCursor = await call(
        providerXs(),
        'GET',
        `/v1/claims?cursor=${encodeURIComponent(demoFirstPage.body.nextCursor as string)}`,
      );

      // Either refused as a cursor of another list, or read within X's own list: never the demo provider's claims.
      expect([200, 400]).toContain(withDemoCursor.status);
      const ids =
        withDemoCursor.status === 200
          ? (withDemoCursor.body.items as Array<{ claimId: string }>).map((claim) => claim.claimId)
          : [];
      expect(ids.filter((id) => id !== claims.aByProviderX)).toEqual([]);
    },
  );

  it('leaves the ledger balanced', async () => {
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});
