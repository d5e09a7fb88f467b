import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthorizer } from '../../functions/authorizer/authorize.ts';
import type { ClientRecord, ClientRegistry } from '../../shared/auth/principal.ts';
import { Unauthorized } from '../../shared/auth/token-verifier.ts';
import type { TokenVerifier, VerifiedToken } from '../../shared/auth/token-verifier.ts';
import { personIdFromBsn } from '../../shared/identity/bsn.ts';

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
  { clientId: 'employer-demo', role: 'employer', orgId: '12345678', orgName: 'Bouwbedrijf De Vries', funderType: 'employer', status: 'active' },
  { clientId: 'provider-demo', role: 'provider', orgId: 'opleidingen-noord', orgName: 'Opleidingen Noord', status: 'active' },
  { clientId: 'old-provider', role: 'provider', orgId: 'old', orgName: 'Oud', status: 'disabled' },
]);

const testVerifier = fakeVerifier({
  'citizen-token': { kind: 'citizen', bsn: '999990019' },
  'employer-token': { kind: 'client', clientId: 'employer-demo' },
  'provider-token': { kind: 'client', clientId: 'provider-demo' },
  'disabled-token': { kind: 'client', clientId: 'old-provider' },
  'unknown-client-token': { kind: 'client', clientId: 'nobody' },
});

const authorize = createAuthorizer({
  verifier: testVerifier,
  clients,
  personIdSecret,
});

async function reasonFor(header: string | undefined): Promise<string> {
  const error: unknown = await authorize(header).then(
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
    expect(context).toEqual({ role: 'provider', clientId: 'provider-demo', orgId: 'opleidingen-noord', orgName: 'Opleidingen Noord' });
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
    ['Basic credentials', `Basic ${Buffer.from('employer-demo:employer-demo-secret').toString('base64')}`, 'Authorization header is not a bearer token'],
    ['a bearer scheme without a token', 'Bearer ', 'Authorization header is not a bearer token'],
    ['two tokens', 'Bearer employer-token citizen-token', 'Authorization header is not a bearer token'],
  ])('rejects %s', async (_name, header, reason) => {
    expect(await reasonFor(header)).toBe(reason);
  });

  it('refuses to start with a person id secret that is too short', () => {
    expect(() => createAuthorizer({ verifier: fakeVerifier({}), clients, personIdSecret: 'short' })).toThrow(/too short/);
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

  function event(headers: Record<string, string>) {
    return { type: 'REQUEST', methodArn, headers } as unknown as Parameters<Awaited<ReturnType<typeof loadHandler>>>[0];
  }
  const context = { functionName: 'authorizer', awsRequestId: 'test' } as unknown as Parameters<Awaited<ReturnType<typeof loadHandler>>>[1];

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('allows the whole API (any stage, method and resource) with the flat context', async () => {
    const handler = await loadHandler();
    const result = await handler(event({ authorization: 'Bearer employer-token' }), context);
    expect(result.principalId).toBe('employer-demo');
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/*' },
    ]);
    expect(result.context).toEqual({ role: 'employer', clientId: 'employer-demo', orgId: '12345678', orgName: 'Bouwbedrijf De Vries', funderType: 'employer' });
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
    await expect(handler(event({ Authorization: 'Bearer disabled-token' }), context)).rejects.toThrow(/^Unauthorized$/);
    vi.mocked(process.stdout.write).mockRestore();
    const log = written.join('');
    expect(log).toContain('client is disabled');
    expect(log).not.toContain('disabled-token');
  });
});
