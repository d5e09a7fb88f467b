import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../functions/authorizer/authorize.ts';
import { Unauthorized } from '../../shared/auth/token-verifier.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';

/** The Authorization header as it may arrive: padded with whitespace by a proxy or a client. */

const personIdSecret = 'unit-test-person-id-secret';
/**
 * Built in each test, not when the file loads: a mutant that makes `createAuthorizer` throw must
 * fail these tests, not stop the file before any test runs (which a mutation run does not count).
 */
const authorize: ReturnType<typeof createAuthorizer> = (header, request) =>
  createAuthorizer({
    verifier: {
      async verify(token) {
        if (token !== 'citizen-token') throw new Unauthorized('unknown test token');
        return { kind: 'citizen', bsn: '999990019' };
      },
    },
    clients: { get: async () => undefined },
    personIdSecret,
  })(header, request);
const citizenRoute = { resource: '/v1/me/account', httpMethod: 'GET' };

describe('the bearer header with whitespace around it', () => {
  it('accepts a bearer token with spaces, a tab or a line break around the header', async () => {
    const expected = { role: 'citizen', personId: personIdFromBsn('999990019', personIdSecret) };

    await expect(authorize('  Bearer citizen-token  ', citizenRoute)).resolves.toEqual(expected);
    await expect(authorize('\tBearer citizen-token\r\n', citizenRoute)).resolves.toEqual(expected);
  });

  it('still rejects a header that is only whitespace as no bearer token', async () => {
    const error = await authorize('   ', citizenRoute).catch((rejected: unknown) => rejected);

    expect(error).toBeInstanceOf(Unauthorized);
    expect((error as Unauthorized).reason).toBe('Authorization header is not a bearer token');
  });
});
