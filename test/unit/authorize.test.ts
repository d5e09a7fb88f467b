import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthorizer } from '../../functions/authorizer/authorize.ts';
import type { ClientRecord, ClientRegistry } from '../../shared/auth/principal.ts';
import type { TokenVerifier, VerifiedToken } from '../../shared/auth/token-verifier.ts';
import { Unauthorized } from '../../shared/auth/token-verifier.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';

const personIdSecret = 'unit-test-person-id-secret';

// The handler builds its verifier and registry from the environment; here they are the fakes
// below, so the handler's own wiring (policy, context, 401) is what is tested.
vi.mock('../../shared/auth/token-verifier.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../shared/auth/token-verifier.ts')>()),
  createTokenVerifier: () => testVerifier,
}));
vi.mock('../../shared/store/client-registry.ts', () => ({ clientRegistryFromEnvironment: () => clients }));

/** A verifier that knows a fixed set of tokens; any other token is rejected. */
function fakeVerifier(tokens: Record<string, VerifiedToken>): TokenVerifier {
  return {
    async verify(token) {
      const verified = tokens[token];
      if (verified === undefined) throw new Unauthorized('unknown test token');
      return verified;
    },
  };
}

function memoryRegistry(records: readonly ClientRecord[]): ClientRegistry {
  const byId = new Map(records.map((record) => [record.clientId, record]));
  return { get: async (clientId) => byId.get(clientId) };
}

const clients = memoryRegistry([
  {
    clientId: 'employer-demo',
    role: 'employer',
    orgId: '12345678',
    orgName: 'Bouwbedrijf De Vries',
    funderType: 'employer',
    status: 'active',
  },
  {
    clientId: 'provider-demo',
    role: 'provider',
    orgId: 'opleidingen-noord',
    orgName: 'Opleidingen Noord',
    status: 'active',
  },
  { clientId: 'old-provider', role: 'provider', orgId: 'old', orgName: 'Oud', status: 'disabled' },
]);

const testVerifier = fakeVerifier({
  'citizen-token': { kind: 'citizen', bsn: '999990019' },
  'employer-token': { kind: 'client', clientId: 'employer-demo' },
  'provider-token': { kind: 'client', clientId: 'provider-demo' },
  'disabled-token': { kind: 'client', clientId: 'old-provider' },
  'unknown-client-token': { kind: 'client', clientId: 'nobody' },
  'portal-employer-token': { kind: 'portal-user', clientId: 'employer-demo', userId: 'usr_1' },
  'portal-disabled-token': { kind: 'portal-user', clientId: 'old-provider', userId: 'usr_1' },
  'portal-unknown-token': { kind: 'portal-user', clientId: 'nobody', userId: 'usr_1' },
});

const authorizeFor = createAuthorizer({
  verifier: testVerifier,
  clients,
  personIdSecret,
});

/** Routes of each kind: citizens only, business clients only, and one for every role. */
const citizenRoute = { resource: '/v1/me/account', httpMethod: 'GET' };
const employerRoute = { resource: '/v1/employees', httpMethod: 'POST' };
const providerRoute = { resource: '/v1/claims/{claimId}', httpMethod: 'GET' };
const everyRoleRoute = { resource: '/v1/courses', httpMethod: 'GET' };

/** Authorizes for the route a token of that kind may use, unless a test names another. */
function authorize(
  header: string | undefined,
  route?: { resource: string | undefined; httpMethod: string | undefined },
) {
  return authorizeFor(
    header,
    route ??
      (header?.includes('citizen') === true
        ? citizenRoute
        : header?.includes('provider') === true
          ? providerRoute
          : employerRoute),
  );
}

async function reasonFor(
  header: string | undefined,
  route?: { resource: string | undefined; httpMethod: string | undefined },
): Promise<string> {
  const error: unknown = await authorize(header, route).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(Unauthorized);
  return (error as Unauthorized).reason;
}

describe('createAuthorizer', () => {
  it('turns a citizen token into the pseudonymous person id, never the BSN', async () => {
    const context = await authorize('Bearer citizen-token');
    expect(context).toEqual({ role: 'citizen', personId: personIdFromBsn('999990019', personIdSecret) });
    expect(JSON.stringify(context)).not.toContain('999990019');
  });

  it('gives an active business client its role and organisation from the registry', async () => {
    await expect(authorize('Bearer employer-token')).resolves.toEqual({
      role: 'employer',
      clientId: 'employer-demo',
      orgId: '12345678',
      orgName: 'Bouwbedrijf De Vries',
      funderType: 'employer',
    });
  });

  it('leaves funderType out for a client that has none', async () => {
    const context = await authorize('Bearer provider-token');
    expect(context).toEqual({
      role: 'provider',
      clientId: 'provider-demo',
      orgId: 'opleidingen-noord',
      orgName: 'Opleidingen Noord',
    });
    expect('funderType' in context).toBe(false);
  });

  it('accepts the bearer scheme in any case', async () => {
    await expect(authorize('bearer employer-token')).resolves.toMatchObject({ clientId: 'employer-demo' });
  });

  it('rejects a disabled client', async () => {
    expect(await reasonFor('Bearer disabled-token')).toBe('client is disabled');
  });

  it('rejects a client the registry does not know', async () => {
    expect(await reasonFor('Bearer unknown-client-token')).toBe('client is not in the client registry');
  });

  it('rejects a token the verifier rejects', async () => {
    expect(await reasonFor('Bearer forged-token')).toBe('unknown test token');
  });

  it.each([
    ['a missing header', undefined, 'no Authorization header'],
    ['an empty header', '', 'no Authorization header'],
    [
      'Basic credentials',
      `Basic ${Buffer.from('employer-demo:employer-demo-secret').toString('base64')}`,
      'Authorization header is not a bearer token',
    ],
    ['a bearer scheme without a token', 'Bearer ', 'Authorization header is not a bearer token'],
    ['two tokens', 'Bearer employer-token citizen-token', 'Authorization header is not a bearer token'],
  ])('rejects %s', async (_name, header, reason) => {
    expect(await reasonFor(header)).toBe(reason);
  });

  it('refuses a citizen token on a route only business clients may use (401, not 403)', async () => {
    expect(await reasonFor('Bearer citizen-token', employerRoute)).toBe(
      'a citizen token on a route for business clients',
    );
    expect(await reasonFor('Bearer citizen-token', { resource: '/v1/admin/reconciliation', httpMethod: 'GET' })).toBe(
      'a citizen token on a route for business clients',
    );
  });

  it('refuses a business client token on a route only citizens may use (401, not 403)', async () => {
    expect(await reasonFor('Bearer employer-token', citizenRoute)).toBe(
      'a business client token on a route for citizens',
    );
    expect(
      await reasonFor('Bearer provider-token', { resource: '/v1/me/claims/{claimId}/approve', httpMethod: 'POST' }),
    ).toBe('a business client token on a route for citizens');
  });

  it('gives a portal user the organisation’s client, role and context, and names the user', async () => {
    await expect(authorize('Bearer portal-employer-token')).resolves.toEqual({
      role: 'employer',
      clientId: 'employer-demo',
      orgId: '12345678',
      orgName: 'Bouwbedrijf De Vries',
      funderType: 'employer',
      userId: 'usr_1',
    });
  });

  it('refuses a portal user of an organisation the registry does not know or has disabled', async () => {
    expect(await reasonFor('Bearer portal-unknown-token')).toBe('client is not in the client registry');
    expect(await reasonFor('Bearer portal-disabled-token')).toBe('client is disabled');
  });

  it('refuses a portal user token on a citizens-only route (401), and takes it where every role may', async () => {
    expect(await reasonFor('Bearer portal-employer-token', citizenRoute)).toBe(
      'a business client token on a route for citizens',
    );
    await expect(authorize('Bearer portal-employer-token', everyRoleRoute)).resolves.toMatchObject({
      clientId: 'employer-demo',
      userId: 'usr_1',
    });
  });

  it('leaves the business role to the handler: an employer token passes on a provider route', async () => {
    await expect(authorize('Bearer employer-token', providerRoute)).resolves.toMatchObject({ role: 'employer' });
  });

  it('accepts both kinds on a route open to every role', async () => {
    await expect(authorize('Bearer citizen-token', everyRoleRoute)).resolves.toMatchObject({ role: 'citizen' });
    await expect(authorize('Bearer provider-token', everyRoleRoute)).resolves.toMatchObject({ role: 'provider' });
  });

  it.each([
    ['an unknown resource', { resource: '/v1/accounts', httpMethod: 'GET' }],
    ['a known resource with another method', { resource: '/v1/me/account', httpMethod: 'POST' }],
    ['a concrete path instead of the resource', { resource: '/v1/claims/clm_1', httpMethod: 'GET' }],
    ['a public route', { resource: '/v1/health', httpMethod: 'GET' }],
    ['no resource at all', { resource: undefined, httpMethod: undefined }],
  ])('refuses a request for %s, whatever the token', async (_name, route) => {
    expect(await reasonFor('Bearer citizen-token', route)).toBe('the request is for no route that takes a token');
    expect(await reasonFor('Bearer employer-token', route)).toBe('the request is for no route that takes a token');
  });

  it('refuses to start with a person id secret that is too short', () => {
    expect(() => createAuthorizer({ verifier: fakeVerifier({}), clients, personIdSecret: 'short' })).toThrow(
      /too short/,
    );
  });
});

describe('authorizer handler', () => {
  const methodArn = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/v1/me/account';

  async function loadHandler() {
    vi.resetModules();
    vi.stubEnv('CITIZEN_ISSUER', 'https://citizen.example');
    vi.stubEnv('CITIZEN_AUDIENCE', 'urn:leerrekening:api');
    vi.stubEnv('BUSINESS_ISSUER', 'https://business.example');
    vi.stubEnv('BUSINESS_AUDIENCE', 'urn:leerrekening:api');
    vi.stubEnv('PERSON_ID_SECRET', personIdSecret);
    return (await import('../../functions/authorizer/handler.ts')).handler;
  }

  function event(headers: Record<string, string>, resource = '/v1/me/account', httpMethod = 'GET') {
    return { type: 'REQUEST', methodArn, resource, httpMethod, headers } as unknown as Parameters<
      Awaited<ReturnType<typeof loadHandler>>
    >[0];
  }
  const context = { functionName: 'authorizer', awsRequestId: 'test' } as unknown as Parameters<
    Awaited<ReturnType<typeof loadHandler>>
  >[1];

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('allows exactly the method it was asked about, with the flat context', async () => {
    const handler = await loadHandler();
    const schemesArn = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/v1/schemes';
    const result = await handler(
      { ...event({ authorization: 'Bearer employer-token' }), methodArn: schemesArn, resource: '/v1/schemes' },
      context,
    );
    expect(result.principalId).toBe('employer-demo');
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: schemesArn },
    ]);
    expect(result.context).toEqual({
      role: 'employer',
      clientId: 'employer-demo',
      orgId: '12345678',
      orgName: 'Bouwbedrijf De Vries',
      funderType: 'employer',
    });
  });

  it(
    'names the usage-plan key of a business client, ' + 'and none for a citizen, when the stack sets the prefix',
    async () => {
      vi.stubEnv('USAGE_IDENTIFIER_KEY_PREFIX', 'Leerrekening-usage-identifier-');
      const handler = await loadHandler();
      const schemesArn = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/v1/schemes';
      const business = await handler(
        { ...event({ authorization: 'Bearer employer-token' }), methodArn: schemesArn, resource: '/v1/schemes' },
        context,
      );
      expect(business.usageIdentifierKey).toBe('Leerrekening-usage-identifier-employer-demo');
      // A portal user counts against the organisation's usage plan, not a plan of the portal's own.
      const portalUser = await handler(
        { ...event({ authorization: 'Bearer portal-employer-token' }), methodArn: schemesArn, resource: '/v1/schemes' },
        context,
      );
      expect(portalUser.usageIdentifierKey).toBe('Leerrekening-usage-identifier-employer-demo');
      expect(portalUser.context).toMatchObject({ clientId: 'employer-demo', userId: 'usr_1' });
      const citizen = await handler(event({ authorization: 'Bearer citizen-token' }), context);
      expect(citizen.usageIdentifierKey).toBeUndefined();
    },
  );

  it('names no usage-plan key where there are no usage plans (locally)', async () => {
    const handler = await loadHandler();
    const schemesArn = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/v1/schemes';
    const business = await handler(
      { ...event({ authorization: 'Bearer employer-token' }), methodArn: schemesArn, resource: '/v1/schemes' },
      context,
    );
    expect(business.usageIdentifierKey).toBeUndefined();
  });

  it("throws 'Unauthorized' for a business token on a citizen route, and logs why", async () => {
    const handler = await loadHandler();
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    await expect(handler(event({ authorization: 'Bearer employer-token' }), context)).rejects.toThrow(/^Unauthorized$/);
    vi.mocked(process.stdout.write).mockRestore();
    expect(written.join('')).toContain('a business client token on a route for citizens');
  });

  it('finds the Authorization header whatever its case and leaves unset fields out of the context', async () => {
    const handler = await loadHandler();
    const result = await handler(event({ AUTHORIZATION: 'Bearer citizen-token' }), context);
    expect(result.context).toEqual({ role: 'citizen', personId: personIdFromBsn('999990019', personIdSecret) });
    expect(result.principalId).toBe(personIdFromBsn('999990019', personIdSecret));
  });

  it("throws exactly 'Unauthorized' and logs the reason without the token", async () => {
    const handler = await loadHandler();
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    await expect(handler(event({ Authorization: 'Bearer disabled-token' }, '/v1/claims'), context)).rejects.toThrow(
      /^Unauthorized$/,
    );
    vi.mocked(process.stdout.write).mockRestore();
    const log = written.join('');
    expect(log).toContain('client is disabled');
    expect(log).not.toContain('disabled-token');
  });
});
