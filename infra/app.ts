/**
 * The CDK app: one Leerrekening stack, checked against cdk-nag's AWS Solutions rules.
 *
 * Synth needs no AWS credentials: account and region come from the environment when the CLI
 * has them, and otherwise the stack stays environment-agnostic, which is all synth needs.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { payerProblem } from '../shared/payouts/sepa-credit-transfer.ts';
import { LeerrekeningStack } from './stack.ts';
import { parseBusinessClients } from './usage-plans.ts';

const app = new App();

/** A string context value (`cdk.json` or `-c key=value`), or undefined when absent or empty. */
function contextString(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The authorizer's issuer settings, from context so each deployment names its own DigiD and
 * eHerkenning issuers without a code change. Unset keys are left out, not set to empty strings.
 */
const authorizerContextKeys = {
  CITIZEN_ISSUER: 'citizenIssuer',
  CITIZEN_AUDIENCE: 'citizenAudience',
  CITIZEN_JWKS_URI: 'citizenJwksUri',
  BUSINESS_ISSUER: 'businessIssuer',
  BUSINESS_AUDIENCE: 'businessAudience',
  BUSINESS_JWKS_URI: 'businessJwksUri',
  // The business portal's public client at the business issuer; portal users' tokens are refused when unset.
  BUSINESS_PORTAL_CLIENT_ID: 'businessPortalClientId',
  // The longest access token lifetime (exp - iat, seconds) the API accepts; one hour when unset.
  ACCESS_TOKEN_LIFETIME_MAX_SECONDS: 'accessTokenLifetimeMaxSeconds',
} as const;
const authorizerEnvironment: Record<string, string> = {};
for (const [variable, key] of Object.entries(authorizerContextKeys)) {
  const value = contextString(key);
  if (value !== undefined) {
    authorizerEnvironment[variable] = value;
  }
}

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

/** The account that pays providers, from context (`payerName`, `payerIban`, `payerBic`). */
const payerName = contextString('payerName');
const payerIban = contextString('payerIban');
const payerBic = contextString('payerBic');
if (payerName !== undefined && payerIban !== undefined) {
  const problem = payerProblem({ name: payerName, iban: payerIban });
  if (problem !== undefined) throw new Error(`payerName and payerIban: ${problem}`);
}

/**
 * The web app's public address: a custom domain (`webDomainName`, with `webCertificateArn`, an
 * ACM certificate in us-east-1) and the origin CORS allows (`webOrigin`). Without them the app
 * is served on the distribution's own `*.cloudfront.net` domain, which is also the CORS origin.
 */
const webDomainName = contextString('webDomainName');
const webCertificateArn = contextString('webCertificateArn');
if ((webDomainName === undefined) !== (webCertificateArn === undefined)) {
  throw new Error('Set webDomainName and webCertificateArn together, or neither');
}
const webOrigin = contextString('webOrigin');
if (
  webOrigin !== undefined &&
  (!URL.canParse(webOrigin) || new URL(webOrigin).origin !== webOrigin || !webOrigin.startsWith('https://'))
) {
  throw new Error(`webOrigin must be an https origin such as https://mijn.leerrekening.nl, not ${webOrigin}`);
}

new LeerrekeningStack(app, 'Leerrekening', {
  description:
    'Leerrekening: personal learning accounts (API with WAF and usage plans, functions, ledger table, ' +
    'scheduled jobs, payout files, web app on CloudFront)',
  ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
  personIdSecretParameterName: contextString('personIdSecretParameterName'),
  citizenTokenKeyParameterName: contextString('citizenTokenKeyParameterName'),
  authorizerEnvironment,
  ...(payerName !== undefined &&
    payerIban !== undefined && {
      payer: { name: payerName, iban: payerIban, ...(payerBic !== undefined && { bic: payerBic }) },
    }),
  // Business client id → usage tier (`standard`, `bulk`); absent means the demo clients.
  businessClients: parseBusinessClients(app.node.tryGetContext('businessClients')),
  ...(webDomainName !== undefined &&
    webCertificateArn !== undefined && { webDomain: { domainName: webDomainName, certificateArn: webCertificateArn } }),
  ...(webOrigin !== undefined && { webOrigin }),
});

// A validation plugin, not an aspect: cdk-nag 3 runs after synthesis through CDK's policy
// validation, and any unacknowledged finding (warnings included) fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
