/**
 * Throttling and quotas per business client, the API Gateway way: one usage plan per tier, one
 * API key per client in its tier's plan. Clients never see or send these keys (they authenticate
 * with OpenID Connect tokens); the REST API takes the key from the authorizer
 * (`apiKeySourceType: AUTHORIZER`), which returns `usageIdentifierKey` =
 * `USAGE_IDENTIFIER_KEY_PREFIX` + the token's client id. The key is an identifier, not a secret.
 *
 * Which client is in which tier is configuration: the `businessClients` context value, a map of
 * client id to tier name (see the README, "Deploying"). A business client that is not listed has
 * no key, so API Gateway refuses it (403) on the business routes until an operator adds it.
 */

import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { ApiKey, Period, type UsagePlan } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

export interface UsageTier {
  /** Steady-state requests per second, per client. */
  readonly rateLimitPerSecond: number;
  /** Requests a client may send at once above the steady rate. */
  readonly burstLimitRequests: number;
  /** Requests per day, per client. */
  readonly quotaPerDay: number;
  readonly description: string;
}

/** The tiers. A tier gets a usage plan only when at least one client is in it. */
export const usageTiers = {
  standard: {
    rateLimitPerSecond: 10,
    burstLimitRequests: 20,
    quotaPerDay: 50_000,
    description: 'Employers, funders, providers and auditors with ordinary volumes',
  },
  bulk: {
    rateLimitPerSecond: 50,
    burstLimitRequests: 100,
    quotaPerDay: 500_000,
    description: 'Large funders and providers that deposit or claim in batches',
  },
} as const satisfies Record<string, UsageTier>;

export type UsageTierName = keyof typeof usageTiers;

/** Client id to tier. */
export type BusinessClients = Readonly<Record<string, UsageTierName>>;

/** The demo clients of `npm start` (infra/local/demo-world.ts), each in the standard tier. */
export const defaultBusinessClients: BusinessClients = {
  'employer-demo': 'standard',
  'funder-rijk': 'standard',
  'funder-sector-demo': 'standard',
  'provider-demo': 'standard',
  'auditor-demo': 'standard',
};

/** Client ids become construct ids and key values: letters, digits, `.`, `_` and `-` only. */
const clientIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** API Gateway's bounds on an API key value. */
const keyLengthMin = 20;
const keyLengthMax = 128;

/**
 * Reads the `businessClients` context value: an object (from `cdk.json`) or its JSON text
 * (from `-c businessClients='{"client-id":"standard"}'`). Absent means the demo clients.
 */
export function parseBusinessClients(value: unknown): BusinessClients {
  if (value === undefined || value === null || value === '') {
    return defaultBusinessClients;
  }
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('businessClients: expected an object of client id to tier');
  }
  const clients: Record<string, UsageTierName> = {};
  for (const [clientId, tier] of Object.entries(parsed)) {
    if (!clientIdPattern.test(clientId)) {
      throw new Error(`businessClients: client id ${JSON.stringify(clientId)} must match ${clientIdPattern}`);
    }
    if (typeof tier !== 'string' || !Object.hasOwn(usageTiers, tier)) {
      throw new Error(
        `businessClients: ${clientId} has tier ${JSON.stringify(tier)}; ` +
          `tiers are ${Object.keys(usageTiers).join(', ')}`,
      );
    }
    clients[clientId] = tier as UsageTierName;
  }
  return clients;
}

/**
 * The prefix of every usage identifier key of a stack. It names the stack because API key
 * values are unique per account and region, so two deployments must not share them.
 */
export function usageIdentifierKeyPrefix(stackName: string): string {
  return `${stackName}-usage-identifier-`;
}

export interface BusinessUsagePlansProps {
  readonly api: RestApi;
  readonly clients: BusinessClients;
  /** From {@link usageIdentifierKeyPrefix}; the authorizer gets the same value. */
  readonly keyPrefix: string;
}

export class BusinessUsagePlans extends Construct {
  /** One plan per tier in use, by tier name. */
  readonly plans: ReadonlyMap<UsageTierName, UsagePlan>;

  constructor(scope: Construct, id: string, props: BusinessUsagePlansProps) {
    super(scope, id);
    const plans = new Map<UsageTierName, UsagePlan>();
    for (const [clientId, tierName] of Object.entries(props.clients)) {
      const value = `${props.keyPrefix}${clientId}`;
      if (value.length < keyLengthMin || value.length > keyLengthMax) {
        throw new Error(
          `Usage identifier key for ${clientId} must be ${keyLengthMin}-${keyLengthMax} characters, ` +
            `not ${value.length}`,
        );
      }
      let plan = plans.get(tierName);
      if (plan === undefined) {
        const tier: UsageTier = usageTiers[tierName];
        plan = props.api.addUsagePlan(`${pascal(tierName)}Plan`, {
          name: `${props.api.restApiName}-${tierName}`,
          description: tier.description,
          throttle: { rateLimit: tier.rateLimitPerSecond, burstLimit: tier.burstLimitRequests },
          quota: { limit: tier.quotaPerDay, period: Period.DAY },
          apiStages: [{ api: props.api, stage: props.api.deploymentStage }],
        });
        plans.set(tierName, plan);
      }
      const key = new ApiKey(this, `Key-${clientId}`, {
        apiKeyName: `${props.api.restApiName}-${clientId}`,
        description:
          `Usage identifier of business client ${clientId} (${tierName}); ` +
          'returned by the authorizer, never sent by the client',
        value,
        enabled: true,
      });
      plan.addApiKey(key);
    }
    this.plans = plans;
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
