import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../functions/authorizer/authorize.ts';
import { Unauthorized } from '../../shared/auth/token-verifier.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';

const verifier = {
  async verify(token: string) {
    if (token !== 'citizen-token') throw new Unauthorized('unknown test token');
    return { kind: 'citizen' as const, bsn: '999990019' };
  },
};
const clients = { get: async () => undefined };
const citizenRoute = { resource: '/v1/me/account', httpMethod: 'GET' };

describe('the bearer header must start with the scheme', () => {
  // Built in each call, not when the file loads, so a createAuthorizer that throws fails a test.
  const authorize: ReturnType<typeof createAuthorizer> = (header, request) =>
    createAuthorizer({ verifier, clients, personIdSecret: 'unit-test-person-id-secret' })(header, request);

  it.each(['Token Bearer citizen-token', 'xBearer citizen-token', 'Basic abc, Bearer citizen-token'])(
    'refuses %j: "Bearer" must open the header',
    async (header) => {
      const error = await authorize(header, citizenRoute).catch((rejected: unknown) => rejected);

      expect(error).toBeInstanceOf(Unauthorized);
      expect((error as Unauthorized).reason).toBe('Authorization header is not a bearer token');
    },
  );
});

describe('the person id secret', () => {
  it('is accepted at exactly 16 characters, and the person id is made with it', async () => {
    const personIdSecret = 'sixteen-chars-ok';
    expect(personIdSecret).toHaveLength(16);
    const authorize = createAuthorizer({ verifier, clients, personIdSecret });

    await expect(authorize('Bearer citizen-token', citizenRoute)).resolves.toEqual({
      role: 'citizen',
      personId: personIdFromBsn('999990019', personIdSecret),
    });
  });

  it('is refused at 15 characters, when the authorizer is built, not at the first request', () => {
    expect(() => createAuthorizer({ verifier, clients, personIdSecret: 'fifteen-chars-x' })).toThrow(
      'createAuthorizer: the person id secret is too short',
    );
  });
});
