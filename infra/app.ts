/**
 * The CDK app: one Leerrekening stack, checked against cdk-nag's AWS Solutions rules.
 *
 * Synth needs no AWS credentials: account and region come from the environment when the CLI
 * has them, and otherwise the stack stays environment-agnostic, which is all synth needs.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LeerrekeningStack } from './stack.ts';

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

new LeerrekeningStack(app, 'Leerrekening', {
  description: 'Leerrekening: personal learning accounts (API, functions, ledger table, scheduled jobs, payout files)',
  ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
  personIdSecretParameterName: contextString('personIdSecretParameterName'),
  authorizerEnvironment,
  ...(payerName !== undefined && payerIban !== undefined && { payer: { name: payerName, iban: payerIban, ...(payerBic !== undefined && { bic: payerBic }) } }),
});

// A validation plugin, not an aspect: cdk-nag 3 runs after synthesis through CDK's policy
// validation, and any unacknowledged finding (warnings included) fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
