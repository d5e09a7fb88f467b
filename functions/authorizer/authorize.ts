/**
 * The authorizer's logic: from an Authorization header to the context API Gateway hands to the
 * handlers. The handler beside it only wires configuration and API Gateway's shapes to this.
 */
import type { AuthorizerContext, ClientRegistry } from '../../shared/auth/principal.ts';
import { Unauthorized } from '../../shared/auth/token-verifier.ts';
import type { TokenVerifier } from '../../shared/auth/token-verifier.ts';
import { personIdFromBsn } from '../../shared/identity/bsn.ts';

/** RFC 6750 §2.1: "Bearer", one space, then a b64token. The scheme is case-insensitive. */
const bearerHeaderPattern = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** personIdFromBsn refuses shorter secrets; checking here makes a bad deployment fail at start. */
const personIdSecretLengthMin = 16;

export interface AuthorizerDependencies {
  readonly verifier: TokenVerifier;
  readonly clients: ClientRegistry;
  /** The key that turns a BSN into the person id; the same one everywhere the id is made. */
  readonly personIdSecret: string;
}

/** Turns an Authorization header into the caller's context, or rejects with Unauthorized. */
export type Authorize = (authorizationHeader: string | undefined) => Promise<AuthorizerContext>;

/**
 * Builds the authorizer's logic. `authorize` rejects with {@link Unauthorized} when the header is
 * missing or not a bearer token, when the token does not verify, and when the business client is
 * unknown to the registry or disabled. A citizen's BSN is turned into the person id here and goes
 * no further.
 */
export function createAuthorizer({ verifier, clients, personIdSecret }: AuthorizerDependencies): Authorize {
  if (personIdSecret.length < personIdSecretLengthMin) {
    throw new Error('createAuthorizer: the person id secret is too short');
  }

  return async function authorize(authorizationHeader) {
    if (authorizationHeader === undefined || authorizationHeader === '') {
      throw new Unauthorized('no Authorization header');
    }
    const token = bearerHeaderPattern.exec(authorizationHeader.trim())?.[1];
    if (token === undefined) throw new Unauthorized('Authorization header is not a bearer token');

    const verified = await verifier.verify(token);
    if (verified.kind === 'citizen') {
      return { role: 'citizen', personId: personIdFromBsn(verified.bsn, personIdSecret) };
    }

    const client = await clients.get(verified.clientId);
    if (client === undefined) throw new Unauthorized('client is not in the client registry');
    if (client.status !== 'active') throw new Unauthorized('client is disabled');
    return {
      role: client.role,
      clientId: client.clientId,
      orgId: client.orgId,
      orgName: client.orgName,
      ...(client.funderType === undefined ? {} : { funderType: client.funderType }),
    };
  };
}
