/**
 * API Gateway (REST) REQUEST authorizer for every non-public route. Wiring only: configuration
 * from the environment, built once per container; the logic is in `authorize.ts`.
 *
 * Configure the authorizer with identity source `method.request.header.Authorization`, so API
 * Gateway caches its answer per token. The policy allows the whole API, so one cached answer
 * serves every route; which role may call which route is the route's own check (routes.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import type { AuthorizerContext } from '../../shared/auth/principal.ts';
import { createTokenVerifier, Unauthorized } from '../../shared/auth/token-verifier.ts';
import { clientRegistryFromEnvironment } from '../../shared/store/client-registry.ts';
import { personIdSecretFromEnvironment } from '../../shared/runtime/environment.ts';
import { createAuthorizer, type Authorize } from './authorize.ts';

const logger = new Logger({ serviceName: 'leerrekening-authorizer' });

function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`authorizer: environment variable ${name} is not set`);
  return value;
}

function optionalEnvironment(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

const verifierAndClients = {
  verifier: createTokenVerifier({
    issuers: {
      citizen: {
        issuer: requiredEnvironment('CITIZEN_ISSUER'),
        audience: requiredEnvironment('CITIZEN_AUDIENCE'),
        jwksUri: optionalEnvironment('CITIZEN_JWKS_URI'),
      },
      business: {
        issuer: requiredEnvironment('BUSINESS_ISSUER'),
        audience: requiredEnvironment('BUSINESS_AUDIENCE'),
        jwksUri: optionalEnvironment('BUSINESS_JWKS_URI'),
      },
    },
  }),
  clients: clientRegistryFromEnvironment(),
};

// The pseudonymisation secret comes from SSM in AWS, so the authorizer is built on first use and
// then kept for the life of the instance. A failed fetch is not kept, so the next call retries.
let authorizer: Promise<Authorize> | undefined;
function authorize(header: string | undefined): Promise<AuthorizerContext> {
  authorizer ??= personIdSecretFromEnvironment().then((personIdSecret) => createAuthorizer({ ...verifierAndClients, personIdSecret }));
  authorizer.catch(() => {
    authorizer = undefined;
  });
  return authorizer.then((run) => run(header));
}

/** Lambda entry point: Allow with the caller's context, or API Gateway's 401 via 'Unauthorized'. */
export async function handler(event: APIGatewayRequestAuthorizerEvent, context: Context): Promise<APIGatewayAuthorizerResult> {
  logger.addContext(context);
  try {
    const authorizerContext = await authorize(headerValue(event.headers, 'authorization'));
    return allowWholeApi(event.methodArn, authorizerContext);
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
 * An Allow policy for every stage, method and resource of the API in `methodArn`
 * (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}`), with the context
 * flattened to what API Gateway can carry: fields that are not set are left out.
 */
function allowWholeApi(methodArn: string, authorizerContext: AuthorizerContext): APIGatewayAuthorizerResult {
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
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${apiArn}/*` }],
    },
    context: Object.fromEntries(Object.entries(authorizerContext).filter(([, value]) => value !== undefined)),
  };
}
