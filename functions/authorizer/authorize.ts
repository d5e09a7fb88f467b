/**
 * The authorizer's logic: from an Authorization header to the context API Gateway hands to the
 * handlers. The handler beside it only wires configuration and API Gateway's shapes to this.
 */

import { type RouteDefinition, routes } from '../../shared/api/routes.ts';
import type { AuthorizerContext, ClientRegistry } from '../../shared/auth/principal.ts';
import type { TokenVerifier, VerifiedToken } from '../../shared/auth/token-verifier.ts';
import { Unauthorized } from '../../shared/auth/token-verifier.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';

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

/** The route a request is for, as API Gateway names it in a REQUEST authorizer event. */
export interface RouteRequest {
  /** The resource path with its `{name}` parameters, e.g. `/v1/me/claims/{claimId}/approve`. */
  readonly resource: string | undefined;
  readonly httpMethod: string | undefined;
}

/** Turns an Authorization header for a route into the caller's context, or rejects with Unauthorized. */
export type Authorize = (authorizationHeader: string | undefined, request: RouteRequest) => Promise<AuthorizerContext>;

/**
 * Builds the authorizer's logic. `authorize` rejects with {@link Unauthorized} when the header is
 * missing or not a bearer token, when the request is for no route that takes a token, when the
 * token does not verify, when the kind of token (citizen or business client) is not one the
 * route's roles can have, and when the business client is unknown to the registry or disabled.
 * A business portal user's token is a business client token of the organisation it acts for: it
 * is looked up, checked and given the role exactly as that organisation's own token, and the
 * context names the user as well.
 * A citizen's BSN is turned into the person id here and goes no further.
 *
 * A valid token of the wrong kind is a 401, not a 403: a citizen's token is simply not a
 * credential for a business route (and the reverse), as a token from another issuer would not be.
 * A business client with the wrong business role gets the handler's 403.
 */
export function createAuthorizer({ verifier, clients, personIdSecret }: AuthorizerDependencies): Authorize {
  if (personIdSecret.length < personIdSecretLengthMin) {
    throw new Error('createAuthorizer: the person id secret is too short');
  }

  return async function authorize(authorizationHeader, request) {
    if (authorizationHeader === undefined || authorizationHeader === '') {
      throw new Unauthorized('no Authorization header');
    }
    const token = bearerHeaderPattern.exec(authorizationHeader.trim())?.[1];
    if (token === undefined) throw new Unauthorized('Authorization header is not a bearer token');
    const route = protectedRouteFor(request);
    if (route === undefined) throw new Unauthorized('the request is for no route that takes a token');

    const verified = await verifier.verify(token);
    if (!acceptsKind(route, verified.kind)) {
      throw new Unauthorized(
        verified.kind === 'citizen'
          ? 'a citizen token on a route for business clients'
          : 'a business client token on a route for citizens',
      );
    }
    if (verified.kind === 'citizen') {
      return { role: 'citizen', personId: personIdFromBsn(verified.bsn, personIdSecret) };
    }

    const client = await clients.get(verified.clientId);
    if (client === undefined) throw new Unauthorized('client is not in the client registry');
    if (client.status !== 'active') throw new Unauthorized('client is disabled');
    return {
      role: client.role,
      // The organisation's client id, also for a portal user: usage plans and tenant checks key on it.
      clientId: client.clientId,
      orgId: client.orgId,
      orgName: client.orgName,
      ...(client.funderType === undefined ? {} : { funderType: client.funderType }),
      ...(verified.kind === 'portal-user' && { userId: verified.userId }),
    };
  };
}

/** The route of the table that a request is for, when it is one that needs a token. */
function protectedRouteFor({ resource, httpMethod }: RouteRequest): RouteDefinition | undefined {
  return routes.find((route) => route.path === resource && route.method === httpMethod && route.roles.length > 0);
}

/**
 * Citizen tokens carry the role `citizen`; business client tokens, and portal users' tokens that act for a
 * business client, carry any other role, from the registry.
 */
function acceptsKind(route: RouteDefinition, kind: VerifiedToken['kind']): boolean {
  return kind === 'citizen' ? route.roles.includes('citizen') : route.roles.some((role) => role !== 'citizen');
}
