/**
 * API Gateway (REST) REQUEST authorizer for every non-public route. Wiring only: configuration
 * from the environment, built once per container; the logic is in `authorize.ts`.
 *
 * The authorizer decides per route: a token of a kind the route's roles cannot have (a citizen's
 * token on a business route, or the reverse) is refused with 401, and the policy allows only the
 * method it was asked about. So its answer must not be cached across routes: the stack sets the
 * results cache TTL to 0. Which business role may call which route stays the handler's check
 * (routes.ts), answered with 403.
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import type { AuthorizerContext } from '../../shared/auth/principal.ts';
import { createTokenVerifier, Unauthorized } from '../../shared/auth/token-verifier.ts';
import {
  citizenTokenDecryptionKeyFromEnvironment,
  personIdSecretFromEnvironment,
  positiveIntegerFromEnvironment,
} from '../../shared/runtime/environment.ts';
import { keptUnlessFailed } from '../../shared/runtime/kept-unless-failed.ts';
import { createLogger } from '../../shared/runtime/logger.ts';
import { clientRegistryFromEnvironment } from '../../shared/store/client-registry.ts';
import { createAuthorizer, type RouteRequest } from './authorize.ts';

const logger = createLogger('leerrekening-authorizer');

function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`authorizer: environment variable ${name} is not set`);
  return value;
}

function optionalEnvironment(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Set by the stack; absent locally, where there are no usage plans. */
const usageIdentifierKeyPrefix = optionalEnvironment('USAGE_IDENTIFIER_KEY_PREFIX');

/** The longest access token lifetime accepted (see IssuerConfig); the verifier's default when unset. */
const accessTokenLifetimeMaxSeconds = positiveIntegerFromEnvironment('ACCESS_TOKEN_LIFETIME_MAX_SECONDS');
const lifetime = accessTokenLifetimeMaxSeconds === undefined ? {} : { accessTokenLifetimeMaxSeconds };

const citizenTokenKey = citizenTokenDecryptionKeyFromEnvironment();

/** The business portal's client id at the business issuer (see IssuerConfig.portalClientId). */
const businessPortalClientId = optionalEnvironment('BUSINESS_PORTAL_CLIENT_ID');

const verifierAndClients = {
  verifier: createTokenVerifier({
    issuers: {
      citizen: {
        issuer: requiredEnvironment('CITIZEN_ISSUER'),
        audience: requiredEnvironment('CITIZEN_AUDIENCE'),
        jwksUri: optionalEnvironment('CITIZEN_JWKS_URI'),
        ...lifetime,
        // Citizens' tokens carry the BSN encrypted to the API; without the key none is accepted.
        ...(citizenTokenKey !== undefined && { decryptionKey: citizenTokenKey }),
      },
      business: {
        issuer: requiredEnvironment('BUSINESS_ISSUER'),
        audience: requiredEnvironment('BUSINESS_AUDIENCE'),
        jwksUri: optionalEnvironment('BUSINESS_JWKS_URI'),
        ...lifetime,
        // The business portal's public client; without it no portal user's token is accepted.
        ...(businessPortalClientId !== undefined && { portalClientId: businessPortalClientId }),
      },
    },
  }),
  clients: clientRegistryFromEnvironment(),
};

/**
 * The pseudonymisation secret comes from SSM in AWS, so the authorizer is built on first use and
 * then kept for the life of the instance; a failed fetch is not kept, so the next call retries.
 * On that first use the citizen token key's fetch starts too, so a cold start waits for the two
 * SSM reads side by side, not one after the other: the verifier finds the key's fetch under way
 * (secureParameter keeps it) when a citizen token needs it. A failed key fetch is not this build's
 * failure (a business token needs no key): it is forgotten, and a citizen token fetches the key
 * again and is answered with a 500 if that fails too, as an outage, not as a bad token.
 */
const authorizer = keptUnlessFailed(async () => {
  if (typeof citizenTokenKey === 'function') citizenTokenKey().catch(() => undefined);
  const personIdSecret = await personIdSecretFromEnvironment();
  return createAuthorizer({ ...verifierAndClients, personIdSecret });
});

async function authorize(header: string | undefined, request: RouteRequest): Promise<AuthorizerContext> {
  return (await authorizer())(header, request);
}

/** Lambda entry point: Allow with the caller's context, or API Gateway's 401 via 'Unauthorized'. */
export async function handler(
  event: APIGatewayRequestAuthorizerEvent,
  context: Context,
): Promise<APIGatewayAuthorizerResult> {
  logger.addContext(context);
  try {
    const authorizerContext = await authorize(headerValue(event.headers, 'authorization'), {
      resource: event.resource,
      httpMethod: event.httpMethod,
    });
    return allowMethod(event.methodArn, authorizerContext);
  } catch (error) {
    if (error instanceof Unauthorized) {
      // The reason only: never the token, never a BSN.
      logger.info('request not authorized', { reason: error.reason });
      // API Gateway answers 401 for exactly this message; anything else becomes a 500.
      throw new Error('Unauthorized');
    }
    throw error;
  }
}

/** Header names arrive as the client sent them; HTTP says their case does not matter. */
function headerValue(headers: APIGatewayRequestAuthorizerEvent['headers'], name: string): string | undefined {
  if (headers === null || headers === undefined) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}

/**
 * An Allow policy for exactly the method in `methodArn`
 * (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}`), since the decision
 * was made for that route, with the context flattened to what API Gateway can carry: fields that
 * are not set are left out.
 */
function allowMethod(methodArn: string, authorizerContext: AuthorizerContext): APIGatewayAuthorizerResult {
  const apiArn = methodArn.split('/', 1)[0];
  if (apiArn === undefined || !apiArn.startsWith('arn:') || apiArn === methodArn) {
    throw new Error('authorizer: methodArn is not an execute-api method ARN');
  }
  const principalId = authorizerContext.personId ?? authorizerContext.clientId;
  if (principalId === undefined) throw new Error('authorizer: context names neither a person nor a client');
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }],
    },
    context: Object.fromEntries(Object.entries(authorizerContext).filter(([, value]) => value !== undefined)),
    // Business clients are throttled per client by API Gateway usage plans, whose keys the stack
    // names `<prefix><clientId>`; the gateway reads the key from here (apiKeySourceType AUTHORIZER).
    ...(authorizerContext.clientId !== undefined &&
      usageIdentifierKeyPrefix !== undefined && {
        usageIdentifierKey: `${usageIdentifierKeyPrefix}${authorizerContext.clientId}`,
      }),
  };
}
