import type { CapacityFigures } from './capacity.ts';
import type { ClaimsFigures, UseCaseCapacity } from './claims.ts';
import { round } from './in-flight.ts';
import type { ThroughputFigures } from './throughput.ts';

/**
 * What one account costs in AWS per year, from the benchmark's measured figures: the capacity
 * units each request takes by DynamoDB's rules, the item sizes it leaves behind, the handlers'
 * latency and the web app's size. The usage of a typical year and every price are named below;
 * the fixed monthly costs (the firewall, the alarms) are spread over 1 M and 10 M accounts.
 */

/**
 * On-demand prices for Europe (Frankfurt), eu-central-1, in US dollars, from the public price
 * pages named with each, as known on `pricesDate`. This machine has no internet: check them
 * against the pages (or the AWS Pricing Calculator) before using the figures for a budget.
 */
export const pricesDate = '2026-11-29';

export const prices = {
  /** aws.amazon.com/dynamodb/pricing/on-demand: per million write request units (after the November 2024 cut). */
  dynamoWriteRequestUnitUsdPerMillion: 0.7625,
  /** Same page: per million read request units. */
  dynamoReadRequestUnitUsdPerMillion: 0.1525,
  /** Same page: table storage (Standard table class), per GB-month; indexes count as table storage. */
  dynamoStorageUsdPerGbMonth: 0.306,
  /** Same page: continuous backups (point-in-time recovery), per GB-month of table size. */
  dynamoPitrUsdPerGbMonth: 0.2448,
  /** aws.amazon.com/lambda/pricing: per million requests. */
  lambdaUsdPerMillionRequests: 0.2,
  /** Same page: duration on Arm (Graviton), per GB-second, first tier. */
  lambdaArmUsdPerGbSecond: 0.0000133334,
  /** aws.amazon.com/api-gateway/pricing: REST API, per million requests, first 333 million a month. */
  apiGatewayRestUsdPerMillion: 3.7,
  /** aws.amazon.com/cloudfront/pricing: data out to the internet from Europe, per GB, first 10 TB. */
  cloudFrontUsdPerGb: 0.085,
  /** Same page: HTTPS requests from Europe, per 10,000. */
  cloudFrontHttpsUsdPerTenThousand: 0.012,
  /** aws.amazon.com/waf/pricing: per web ACL per month. */
  wafWebAclUsdPerMonth: 5,
  /** Same page: per rule (a managed rule group counts as one) per month. */
  wafRuleUsdPerMonth: 1,
  /** Same page: per million requests inspected. */
  wafUsdPerMillionRequests: 0.6,
  /** aws.amazon.com/cloudwatch/pricing: a standard-resolution metric alarm per month. */
  cloudWatchAlarmUsdPerMonth: 0.1,
  /** Same page: log ingestion (standard class), per GB. */
  cloudWatchLogsIngestUsdPerGb: 0.63,
  /** Same page: log storage, per GB-month (kept a year: `RetentionDays.ONE_YEAR`). */
  cloudWatchLogsStorageUsdPerGbMonth: 0.0324,
  /** Euro per US dollar, to state the result in euros; an assumption of `pricesDate`, not a quote. */
  eurPerUsd: 0.95,
} as const;

/** What one account does in a typical year (issue 11). */
export const typicalYear = {
  deposits: 2,
  balanceViews: 12,
  claims: 1,
  /** The citizen looks at the proposed split once before approving. */
  splitPreviews: 1,
  /** One of its pots expires once a year (the expire-pots job). */
  expiries: 1,
} as const;

/**
 * The fixed resources of the stack that cost money every month whatever the traffic. A test of
 * the CDK stack checks these counts against the synthesized template (`cdk-stack.test.ts`).
 */
export const fixedResources = {
  webAcls: 1,
  /** Two rate limits and two AWS managed rule groups (`infra/api-firewall.ts`). */
  wafRules: 4,
  /**
   * Two per scheduled job, failed items and function errors (`infra/scheduled-jobs.ts`); two on the
   * deposit batch queue, its dead letters and the age of its oldest message (`infra/deposit-batches.ts`);
   * one on the usage aggregator's dead-letter queue (`infra/usage-aggregator.ts`).
   */
  alarms: 13,
} as const;

/** Assumptions where the benchmark measures nothing, each with why it is safe. */
export const assumptions = {
  /** Memory of every API function (`infra/api-function.ts`). */
  functionMemoryGb: 0.5,
  /** The authorizer's billed time per request: a JWT check against cached keys (no table read). */
  authorizerMs: 10,
  /** Share of invocations that start cold, each billed its module init (billed since August 2025). */
  coldStartShare: 0.01,
  /** Log bytes per request: the platform's START/END/REPORT lines and one or two structured lines. */
  logBytesPerRequest: 1_500,
  /**
   * Writes of a claim's payout, in WRU: the claim set to `paid` (2) with its index entries (4),
   * plus its share of the payout record, payable shard, audit entry and file (8 over 20 claims).
   */
  payoutWriteUnitsPerClaim: 6.4,
  /** Requests of one page view without a browser cache: HTML, the page's script and CSS chunks, the logo. */
  webRequestsPerView: 6,
  /** DynamoDB's overhead per item, and per index entry, in bytes ("Item sizes and formats"). */
  itemOverheadBytes: 100,
} as const;

/** What an account's year costs, per part, in US dollars. */
export interface AccountYearCost {
  readonly dynamoWritesUsd: number;
  readonly dynamoReadsUsd: number;
  readonly dynamoStorageUsd: number;
  readonly lambdaUsd: number;
  readonly apiGatewayUsd: number;
  readonly wafRequestsUsd: number;
  readonly cloudFrontUsd: number;
  readonly logsUsd: number;
}

export interface CostFigures {
  readonly pricesDate: string;
  readonly usage: {
    readonly apiRequests: number;
    readonly writeRequestUnits: number;
    readonly readRequestUnits: number;
    readonly storedBytes: number;
    readonly lambdaGbSeconds: number;
  };
  /** Per account per year, by part, in US dollars. */
  readonly variableUsd: AccountYearCost;
  readonly variableTotalUsd: number;
  readonly fixedUsdPerMonth: number;
  /** Per account per year, fixed costs spread, in euros. */
  readonly perAccountYearEur: { readonly oneMillion: number; readonly tenMillion: number };
}

export interface CostInputs {
  readonly capacity: CapacityFigures;
  readonly claims: ClaimsFigures;
  readonly throughput: ThroughputFigures;
  /** The web app's first page, gzip, in KiB (JavaScript and CSS). */
  readonly webKiB: number;
  /** The slowest function's cold module init, median, ms. */
  readonly initMs: number;
}

function totalWcu(entry: Pick<UseCaseCapacity, 'commitRulesWcu' | 'indexRulesWcu'>): number {
  return entry.commitRulesWcu + entry.indexRulesWcu;
}

function onePot(list: readonly UseCaseCapacity[]): UseCaseCapacity {
  const entry = list.find((candidate) => candidate.pots === 1);
  if (entry === undefined) throw new Error('cost: no one-pot figure');
  return entry;
}

function sizeOf(entry: UseCaseCapacity, role: string): number {
  return Math.max(0, ...entry.items.filter((item) => item.role === role).map((item) => item.sizeBytes));
}

/**
 * The cost of an account's typical year from measured figures. Storage is the year-end size held
 * the whole year (an upper bound), with every movement record counted three times (table, audit
 * trail index, history index), the claim three times (table and its two listings) and
 * `itemOverheadBytes` for each.
 */
export function accountYearCost(inputs: CostInputs): CostFigures {
  const { capacity, claims, throughput } = inputs;
  const deposit = capacity.unbudgeted;
  const create = claims.createClaim;
  const approve = onePot(claims.approvals);
  const capture = onePot(claims.capturesFull);
  const year = typicalYear;

  const writeRequestUnits =
    year.deposits * totalWcu(deposit) +
    year.claims * (totalWcu(create) + totalWcu(approve) + totalWcu(capture) + assumptions.payoutWriteUnitsPerClaim) +
    // An expiry writes what a deposit does: a record with its two index entries, the pot and a total shard.
    year.expiries * totalWcu(deposit) +
    // The first visit's note, once (a later balance view reads it with the pots and writes nothing).
    1;
  const readRequestUnits =
    year.deposits * Math.max(deposit.readsReportedRcu, capacity.budgeted.readsReportedRcu) +
    year.balanceViews * capacity.overview.rulesRcu +
    year.splitPreviews * approve.readsReportedRcu +
    year.claims * (create.readsReportedRcu + approve.readsReportedRcu + capture.readsReportedRcu) +
    year.expiries * (capacity.overview.rulesRcu + 1);

  const recordBytes = [
    ...Array.from({ length: year.deposits + year.expiries }, () => sizeOf(deposit, 'movement record')),
    sizeOf(create, 'movement record'),
    sizeOf(approve, 'movement record'),
    sizeOf(capture, 'movement record'),
  ];
  const overhead = assumptions.itemOverheadBytes;
  const storedBytes =
    recordBytes.reduce((sum, bytes) => sum + 3 * (bytes + overhead), 0) +
    3 * (sizeOf(capture, 'claim') + overhead) +
    3 * (sizeOf(deposit, 'pot') + overhead) +
    (sizeOf(approve, 'course use') + overhead);

  const apiRequests =
    year.deposits + year.balanceViews + year.splitPreviews + year.claims * 3 /* create, approve, capture */;
  const handlerSeconds =
    (year.deposits * throughput.handlerDeposits.latencyMs.p50 +
      year.balanceViews * throughput.handlerOverviews.latencyMs.p50 +
      year.splitPreviews * throughput.handlerOverviews.latencyMs.p50 +
      year.claims * 2 * claims.throughput.approvals.latencyMs.p50 +
      year.claims * claims.throughput.captures.latencyMs.p50 +
      apiRequests * (assumptions.authorizerMs + assumptions.coldStartShare * inputs.initMs)) /
    1000;
  const lambdaGbSeconds = handlerSeconds * assumptions.functionMemoryGb;
  const gigabytes = (bytes: number) => bytes / 1024 ** 3;
  const perMillion = (count: number, usd: number) => (count / 1_000_000) * usd;

  const variableUsd: AccountYearCost = {
    dynamoWritesUsd: perMillion(writeRequestUnits, prices.dynamoWriteRequestUnitUsdPerMillion),
    dynamoReadsUsd: perMillion(readRequestUnits, prices.dynamoReadRequestUnitUsdPerMillion),
    dynamoStorageUsd:
      gigabytes(storedBytes) * (prices.dynamoStorageUsdPerGbMonth + prices.dynamoPitrUsdPerGbMonth) * 12,
    // Each API request runs the authorizer and one handler: two invocations.
    lambdaUsd:
      perMillion(2 * apiRequests, prices.lambdaUsdPerMillionRequests) +
      lambdaGbSeconds * prices.lambdaArmUsdPerGbSecond,
    apiGatewayUsd: perMillion(apiRequests, prices.apiGatewayRestUsdPerMillion),
    wafRequestsUsd: perMillion(apiRequests, prices.wafUsdPerMillionRequests),
    cloudFrontUsd:
      gigabytes(year.balanceViews * inputs.webKiB * 1024) * prices.cloudFrontUsdPerGb +
      ((year.balanceViews * assumptions.webRequestsPerView) / 10_000) * prices.cloudFrontHttpsUsdPerTenThousand,
    logsUsd:
      gigabytes(2 * apiRequests * assumptions.logBytesPerRequest) *
      (prices.cloudWatchLogsIngestUsdPerGb + prices.cloudWatchLogsStorageUsdPerGbMonth * 12),
  };
  const variableTotalUsd = Object.values(variableUsd).reduce((sum, usd) => sum + usd, 0);
  const fixedUsdPerMonth =
    fixedResources.webAcls * prices.wafWebAclUsdPerMonth +
    fixedResources.wafRules * prices.wafRuleUsdPerMonth +
    fixedResources.alarms * prices.cloudWatchAlarmUsdPerMonth;
  const perAccount = (accounts: number) => (variableTotalUsd + (fixedUsdPerMonth * 12) / accounts) * prices.eurPerUsd;
  return {
    pricesDate,
    usage: {
      apiRequests,
      writeRequestUnits: round(writeRequestUnits),
      readRequestUnits: round(readRequestUnits),
      storedBytes,
      lambdaGbSeconds: round(lambdaGbSeconds),
    },
    variableUsd,
    variableTotalUsd,
    fixedUsdPerMonth,
    perAccountYearEur: { oneMillion: perAccount(1_000_000), tenMillion: perAccount(10_000_000) },
  };
}

/** The cost breakdown for the report. */
export function costReport(cost: CostFigures): string[] {
  const micro = (usd: number) => `${round(usd * 1_000_000)} µ$`;
  const lines = [
    '',
    `Cost per account per year (eu-central-1 on-demand prices as of ${cost.pricesDate}; see test/bench/cost.ts)`,
    `  usage: ${cost.usage.apiRequests} API requests, ${cost.usage.writeRequestUnits} WRU, ` +
      `${cost.usage.readRequestUnits} RRU, ${round(cost.usage.storedBytes / 1024)} KiB stored, ` +
      `${cost.usage.lambdaGbSeconds} GB-s`,
    ...Object.entries(cost.variableUsd).map(([part, usd]) => `  ${part.replace(/Usd$/, '')}: ${micro(usd)}`),
    `  variable: ${micro(cost.variableTotalUsd)}; fixed: $${cost.fixedUsdPerMonth} a month ` +
      `(${fixedResources.webAcls} web ACL, ${fixedResources.wafRules} WAF rules, ${fixedResources.alarms} alarms)`,
    `  per account per year, fixed costs spread: € ${cost.perAccountYearEur.oneMillion.toFixed(6)} at 1 M accounts, ` +
      `€ ${cost.perAccountYearEur.tenMillion.toFixed(6)} at 10 M (goal ≤ € 0.001)`,
  ];
  return lines;
}
