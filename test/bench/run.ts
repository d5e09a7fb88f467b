/**
 * `npm run bench`: capacity units, throughput and bundle figures from one run, written to
 * `.bench/results.json` and printed as a table. It measures and reports; it asserts nothing about
 * speed, only that every request succeeded (figures from failing requests would mislead).
 *
 * 1. DynamoDB Local in memory, a table, a funder with three schemes and persons with three pots.
 * 2. Capacity units per deposit and per balance overview, reported and by DynamoDB's rules.
 * 3. Requests per second through the real handlers next to the bare DynamoDB requests, then a
 *    rush of balance views far more in flight (rush.ts), every answer counted.
 * 4. Claims (claims.ts): capacity units per claim creation, per approval (split over 1, 2 and 3
 *    pots, also per pot touched) and per capture (full, and partial with a release), reported and
 *    by DynamoDB's rules, GSI writes apart; approvals and captures per second through the handlers.
 * 5. Every function bundled as CDK bundles it: sizes, biggest inputs, cold module init time.
 * 6. The citizen web app and the business portal (web.ts): JavaScript and CSS sizes (raw and gzip), and Lighthouse
 *    performance and accessibility of the overview page (desktop and mobile) and the portal start page (mobile).
 * 7. From all of these, the AWS cost per account per year (cost.ts).
 *
 * `BENCH_ONLY=web npm run bench` runs only phase 6 (about a minute) and writes its figures to
 * `.bench/results-web.json`; `BENCH_ONLY=claims npm run bench` runs only the capacity part of
 * phase 1 and phase 4 (on a world of a few persons, under a minute) and writes
 * `.bench/results-claims.json`; `BENCH_ONLY=bundles npm run
 * bench` runs only phase 5 (about a minute) and writes `.bench/results-bundles.json`. None of them
 * touches the full run's `.bench/results.json`, except `BENCH_ONLY=mutation`, which only copies
 * Stryker's last report into it (see `mainMutationOnly`).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { ensureTable } from '../../shared/store/create-table.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import type { ApiHandler } from './api-events.ts';
import { type AuthorizerFigures, authorizerRequestsCount, measureAuthorizer } from './authorizer.ts';
import { type BatchFigures, batchReport, batchSummary, measureBatches } from './batches.ts';
import { type BundleFigures, initRunsPerBundleCount, measureBundles } from './bundles.ts';
import { type CapacityFigures, type DepositCapacity, measureCapacity } from './capacity.ts';
import {
  type ClaimsFigures,
  claimsMeasuredRoundsCount,
  claimsWarmupCount,
  measureClaims,
  type UseCaseCapacity,
} from './claims.ts';
import { accountYearCost, type CostFigures, costReport } from './cost.ts';
import { type RunFigures, round } from './in-flight.ts';
import { type MutationFigures, mutationReport, mutationReportPath, readMutationFigures } from './mutation.ts';
import { measureRush, type RushFigures, rushConcurrencyInFlight, rushReport, rushViewsCount } from './rush.ts';
import { measuredRoundsCount, measureThroughput, type ThroughputFigures, warmupCount } from './throughput.ts';
import { probeOf } from './use-case-cost.ts';
import { runWebPhase, type WebFigures, webReport, webSummary } from './web.ts';
import { benchPersonIdSecret, benchPersons, funderContext, schemeIds, seedWorld } from './world.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const resultsFile = path.join(projectRoot, '.bench', 'results.json');
/** Where `BENCH_ONLY=web` writes, so a partial run never replaces a full one. */
const webOnlyResultsFile = path.join(projectRoot, '.bench', 'results-web.json');
/** Where `BENCH_ONLY=claims` writes. */
const claimsOnlyResultsFile = path.join(projectRoot, '.bench', 'results-claims.json');
/** Where `BENCH_ONLY=batches` writes. */
const batchesOnlyResultsFile = path.join(projectRoot, '.bench', 'results-batches.json');
/** Where `BENCH_ONLY=bundles` writes. */
const bundlesOnlyResultsFile = path.join(projectRoot, '.bench', 'results-bundles.json');

/** Persons in the world; many more than requests in flight, so concurrent deposits hit different pots. */
const personsCount = 250;

/** Persons in the world of `BENCH_ONLY=claims`: the claims phase brings its own, so a few will do. */
const claimsOnlyPersonsCount = 16;

const tableName = 'leerrekening-bench';

interface Environment {
  readonly node: string;
  readonly esbuild: string;
  readonly platform: string;
  readonly cpus: { readonly count: number; readonly model: string };
  readonly memoryBytes: number;
  /** Other processes on the machine skew every figure; the load says how busy it was. */
  readonly loadAverage1m: { readonly atStart: number; readonly atEnd: number };
}

interface Results {
  readonly timestamp: string;
  readonly durationSeconds: number;
  readonly phaseSeconds: Readonly<Record<string, number>>;
  readonly environment: Environment;
  readonly world: { readonly persons: number; readonly potsPerPerson: number };
  readonly capacity: CapacityFigures;
  readonly throughput: ThroughputFigures;
  /** Many balance views at once (rush.ts). */
  readonly rush: RushFigures;
  readonly claims: ClaimsFigures;
  readonly authorizer: AuthorizerFigures;
  /** Deposit batches and a grant (batches.ts). */
  readonly batches: BatchFigures;
  readonly bundles: readonly BundleFigures[];
  readonly web: WebFigures;
  /** The last `npm run mutate`, when there was one. */
  readonly mutation?: MutationFigures;
  /** What an account costs in AWS per year, from the figures above (cost.ts). */
  readonly cost: CostFigures;
  /** The headline figures, each under the key the issue that asked for it names. */
  readonly summary: Readonly<Record<string, number>>;
}

function environment(loadAtStart: number): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    esbuild: esbuildVersion,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: { count: cpus.length, model: cpus[0]?.model ?? 'unknown' },
    memoryBytes: os.totalmem(),
    loadAverage1m: { atStart: round(loadAtStart), atEnd: round(os.loadavg()[0] ?? Number.NaN) },
  };
}

/** Phase 5 alone, for `BENCH_ONLY=web`. */
async function mainWebOnly(): Promise<void> {
  const startedMs = performance.now();
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  console.log('BENCH_ONLY=web: measuring the web app only…');
  const web = await runWebPhase();
  const results = {
    timestamp: new Date().toISOString(),
    durationSeconds: round((performance.now() - startedMs) / 1000),
    environment: environment(loadAtStart),
    web,
    summary: webSummary(web),
  };
  await mkdir(path.dirname(webOnlyResultsFile), { recursive: true });
  await writeFile(webOnlyResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    [
      '',
      `Leerrekening bench (web only), ${results.timestamp}: ` +
        `load ${results.environment.loadAverage1m.atStart} at start and ` +
        `${results.environment.loadAverage1m.atEnd} at end, ${results.durationSeconds} s`,
      ...webReport(web),
    ].join('\n'),
  );
  console.log(`\nWritten to ${path.relative(process.cwd(), webOnlyResultsFile)}`);
}

/** Phase 4 alone, for `BENCH_ONLY=claims`. */
async function mainClaimsOnly(): Promise<void> {
  const startedMs = performance.now();
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  console.log('BENCH_ONLY=claims: measuring the claim flow only…');
  const phaseSeconds: Record<string, number> = {};
  const { capacity, claims } = await measureDatabase(Date.now().toString(36), phaseSeconds, 'claims');
  if (capacity === undefined) throw new Error('bench: the capacity phase did not run');
  const results = {
    timestamp: new Date().toISOString(),
    durationSeconds: round((performance.now() - startedMs) / 1000),
    phaseSeconds,
    environment: environment(loadAtStart),
    capacity,
    claims,
    summary: { ...depositCapacitySummary(capacity), ...claimsSummary(claims) },
  };
  await mkdir(path.dirname(claimsOnlyResultsFile), { recursive: true });
  await writeFile(claimsOnlyResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    [
      '',
      `Leerrekening bench (claims only), ${results.timestamp}: ` +
        `load ${results.environment.loadAverage1m.atStart} at start and ` +
        `${results.environment.loadAverage1m.atEnd} at end, ${results.durationSeconds} s ` +
        `(${Object.entries(phaseSeconds)
          .map(([phase, seconds]) => `${phase} ${seconds}`)
          .join(', ')})`,
      ...claimsReport(claims),
      '',
      `Summary: ${Object.entries(results.summary)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ')}`,
    ].join('\n'),
  );
  console.log(`\nWritten to ${path.relative(process.cwd(), claimsOnlyResultsFile)}`);
}

/** Phase 5 alone, for `BENCH_ONLY=bundles`. */
async function mainBundlesOnly(): Promise<void> {
  const startedMs = performance.now();
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  console.log('BENCH_ONLY=bundles: bundling every function and timing cold imports…');
  const bundles = await bundlesPhase();
  const results = {
    timestamp: new Date().toISOString(),
    durationSeconds: round((performance.now() - startedMs) / 1000),
    environment: environment(loadAtStart),
    bundles,
    summary: bundlesSummary(bundles),
  };
  await mkdir(path.dirname(bundlesOnlyResultsFile), { recursive: true });
  await writeFile(bundlesOnlyResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    [
      '',
      `Leerrekening bench (bundles only), ${results.timestamp}: ` +
        `load ${results.environment.loadAverage1m.atStart} at start and ` +
        `${results.environment.loadAverage1m.atEnd} at end, ${results.durationSeconds} s`,
      ...bundlesReport(bundles),
      `  largest bundle ${results.summary.bundleMaxKiB} KiB, worst init median ${results.summary.initMedianMaxMs} ms`,
    ].join('\n'),
  );
  console.log(`\nWritten to ${path.relative(process.cwd(), bundlesOnlyResultsFile)}`);
}

/**
 * The deposit figures of issue 11: write units by the rules with index writes (the larger of a
 * deposit into a scheme without and with a budget), read units as reported (likewise), and the
 * handlers' throughput against the raw DynamoDB calls.
 */
function depositSummary(capacity: CapacityFigures, throughput: ThroughputFigures) {
  return {
    ...depositCapacitySummary(capacity),
    depositHandlerRatio: throughput.depositRatio,
    overviewHandlerRatio: throughput.overviewRatio,
  };
}

/** A deposit's capacity units, the larger of a deposit into a scheme without and with a budget. */
function depositCapacitySummary(capacity: CapacityFigures) {
  return {
    wcuPerDeposit: Math.max(wcuWithIndexes(capacity.unbudgeted), wcuWithIndexes(capacity.budgeted)),
    rcuPerDeposit: Math.max(capacity.unbudgeted.readsReportedRcu, capacity.budgeted.readsReportedRcu),
  };
}

/** The claim flow's figures of issue 11: an approval and a full capture from one pot, indexes included. */
function claimsSummary(claims: ClaimsFigures) {
  const onePot = (list: readonly UseCaseCapacity[], what: string): UseCaseCapacity => {
    const entry = list.find((candidate) => candidate.pots === 1);
    if (entry === undefined) throw new Error(`bench: no ${what} from one pot was measured`);
    return entry;
  };
  return {
    wcuPerApproval1Pot: wcuWithIndexes(onePot(claims.approvals, 'approval')),
    wcuPerCapture1Pot: wcuWithIndexes(onePot(claims.capturesFull, 'full capture')),
  };
}

/**
 * `BENCH_ONLY=mutation`: reads Stryker's last full report (`npm run mutate`) into the full run's
 * `.bench/results.json`, its `mutation` figures and `summary.mutationScore`, and changes nothing
 * else. The score is not measured by the bench but read from Stryker's report, and a mutation run
 * takes hours: this records a finished run without measuring everything again.
 */
async function mainMutationOnly(): Promise<void> {
  const mutation = await readMutationFigures(projectRoot);
  if (mutation === undefined) throw new Error(`BENCH_ONLY=mutation: no report at ${mutationReportPath}`);
  const results = JSON.parse(await readFile(resultsFile, 'utf8')) as Results;
  const updated = { ...results, mutation, summary: { ...results.summary, mutationScore: mutation.total.score } };
  await writeFile(resultsFile, `${JSON.stringify(updated, null, 2)}\n`);
  console.log([...mutationReport(mutation), '', `Written to ${path.relative(process.cwd(), resultsFile)}`].join('\n'));
}

/** Phase 5: every function bundled into a temporary folder, measured, and the folder removed. */
async function bundlesPhase(): Promise<BundleFigures[]> {
  const bundleDirectory = await mkdtemp(path.join(os.tmpdir(), 'leerrekening-bench-'));
  try {
    return await measureBundles(bundleDirectory);
  } finally {
    await rm(bundleDirectory, { recursive: true, force: true });
  }
}

/**
 * The headline figures of phase 5 (issue 11): the largest minified bundle in KiB and the slowest
 * function's median cold module init in ms, as deployed (with source maps).
 */
function bundlesSummary(bundles: readonly BundleFigures[]): { bundleMaxKiB: number; initMedianMaxMs: number } {
  return {
    bundleMaxKiB: Math.max(...bundles.map((bundle) => bundle.minifiedKiB)),
    initMedianMaxMs: Math.max(...bundles.map((bundle) => bundle.initMs)),
  };
}

async function main(): Promise<void> {
  if (process.env['BENCH_ONLY'] === 'web') return mainWebOnly();
  if (process.env['BENCH_ONLY'] === 'claims') return mainClaimsOnly();
  if (process.env['BENCH_ONLY'] === 'bundles') return mainBundlesOnly();
  if (process.env['BENCH_ONLY'] === 'mutation') return mainMutationOnly();
  if (process.env['BENCH_ONLY'] === 'batches') return mainBatchesOnly();
  if (process.env['BENCH_ONLY'] !== undefined && process.env['BENCH_ONLY'] !== '') {
    throw new Error(
      "BENCH_ONLY: only 'web', 'claims', 'bundles', 'batches' and 'mutation' are known, " +
        `got '${process.env['BENCH_ONLY']}'`,
    );
  }
  const startedMs = performance.now();
  const runId = Date.now().toString(36);
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;

  const phaseSeconds: Record<string, number> = {};
  const { capacity, throughput, rush, claims, authorizer } = await measureDatabase(runId, phaseSeconds, 'all');
  if (capacity === undefined || throughput === undefined || rush === undefined || authorizer === undefined) {
    throw new Error('bench: the deposit and authorizer phases did not run');
  }
  const batchesStartedMs = performance.now();
  const batches = await batchesPhase(runId);
  phaseSeconds['batches'] = round((performance.now() - batchesStartedMs) / 1000);
  const bundlesStartedMs = performance.now();

  console.log('Bundling every function and timing cold imports…');
  const bundles = await bundlesPhase();
  phaseSeconds['bundles'] = round((performance.now() - bundlesStartedMs) / 1000);

  // In a child process of its own: see web.ts.
  const webStartedMs = performance.now();
  console.log('Measuring the web app: asset sizes and Lighthouse…');
  const web = await runWebPhase();
  phaseSeconds['web'] = round((performance.now() - webStartedMs) / 1000);
  const mutation = await readMutationFigures(projectRoot);
  const webFigures = webSummary(web);
  const bundlesFigures = bundlesSummary(bundles);
  const cost = accountYearCost({
    capacity,
    claims,
    throughput,
    webKiB: (web.firstPage.js.gzipBytes + web.firstPage.css.gzipBytes) / 1024,
    initMs: bundlesFigures.initMedianMaxMs,
  });

  const results: Results = {
    timestamp: new Date().toISOString(),
    durationSeconds: round((performance.now() - startedMs) / 1000),
    phaseSeconds,
    environment: environment(loadAtStart),
    world: { persons: personsCount, potsPerPerson: Object.keys(schemeIds).length },
    capacity,
    throughput,
    rush,
    claims,
    authorizer,
    batches,
    bundles,
    web,
    ...(mutation !== undefined && { mutation }),
    cost,
    summary: {
      ...depositSummary(capacity, throughput),
      ...claimsSummary(claims),
      ...batchSummary(batches),
      ...bundlesFigures,
      authorizerRcuPerRequest: authorizer.rcuPerRequest,
      ...(mutation !== undefined && { mutationScore: mutation.total.score }),
      ...webFigures,
      costPerAccountYearEur: Number(cost.perAccountYearEur.tenMillion.toFixed(6)),
    },
  };
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(report(results));
  console.log(
    `\nSummary (.bench/results.json): ${Object.entries(results.summary)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`,
  );
  console.log(`\nWritten to ${path.relative(process.cwd(), resultsFile)}`);
}

/** The deposit batch phase (batches.ts), on a DynamoDB Local of its own, stopped when it is done. */
async function batchesPhase(runId: string): Promise<BatchFigures> {
  console.log('Deposit batches: starting DynamoDB Local (in memory)…');
  const database = await startDynamoDbLocal();
  const client = dynamoClient(database.endpoint);
  try {
    const batchTable = `${tableName}-batches`;
    await ensureTable(client, batchTable);
    const store = new DynamoLedgerStore({ client, tableName: batchTable });
    return await measureBatches({ store, client, probe: probeOf(database.endpoint, batchTable), runId });
  } finally {
    client.destroy();
    await database.stop();
  }
}

/**
 * The batch phase alone, for `BENCH_ONLY=batches`: its figures go to `.bench/results-batches.json`,
 * and into the full run's `.bench/results.json` (its `batches` and their summary keys, with when they
 * were measured), as `BENCH_ONLY=mutation` does for the mutation score.
 */
async function mainBatchesOnly(): Promise<void> {
  const startedMs = performance.now();
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  console.log('BENCH_ONLY=batches: measuring deposit batches only…');
  const batches = await batchesPhase(Date.now().toString(36));
  const measuredAt = new Date().toISOString();
  const results = {
    timestamp: measuredAt,
    durationSeconds: round((performance.now() - startedMs) / 1000),
    environment: environment(loadAtStart),
    batches,
    summary: batchSummary(batches),
  };
  await mkdir(path.dirname(batchesOnlyResultsFile), { recursive: true });
  await writeFile(batchesOnlyResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(batchReport(batches).join('\n'));
  console.log(`\nWritten to ${path.relative(process.cwd(), batchesOnlyResultsFile)}`);
  const full = await readFile(resultsFile, 'utf8').then(
    (text) => JSON.parse(text) as Results,
    () => undefined,
  );
  if (full !== undefined) {
    const updated = {
      ...full,
      batches: { ...batches, measuredAt, environment: results.environment },
      summary: { ...full.summary, ...batchSummary(batches) },
    };
    await writeFile(resultsFile, `${JSON.stringify(updated, null, 2)}\n`);
    console.log(`and into ${path.relative(process.cwd(), resultsFile)} (batches and their summary keys)`);
  }
}

/**
 * Everything that needs DynamoDB Local. It is stopped when this returns or throws, before the
 * bundle timings, so its JVM does not compete with the cold starts for the two cores.
 */
async function measureDatabase(
  runId: string,
  phaseSeconds: Record<string, number>,
  phases: 'all' | 'claims',
): Promise<{
  capacity?: CapacityFigures;
  throughput?: ThroughputFigures;
  rush?: RushFigures;
  claims: ClaimsFigures;
  authorizer?: AuthorizerFigures;
}> {
  let phaseStartedMs = performance.now();
  const endPhase = (name: string) => {
    phaseSeconds[name] = round((performance.now() - phaseStartedMs) / 1000);
    phaseStartedMs = performance.now();
  };
  console.log('Starting DynamoDB Local (in memory)…');
  const database: DynamoDbLocal = await startDynamoDbLocal();
  // Separate clients: the capacity one gets middleware, and neither shares sockets with the handlers'.
  const setupClient = dynamoClient(database.endpoint);
  const rawClient = dynamoClient(database.endpoint);
  const authorizerClient = dynamoClient(database.endpoint);
  try {
    await ensureTable(setupClient, tableName);
    endPhase('start');
    // The handlers read their configuration from the environment when first called, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: database.endpoint,
      PERSON_ID_SECRET: benchPersonIdSecret,
      POWERTOOLS_LOG_LEVEL: 'WARN',
    });

    const persons = benchPersons(phases === 'all' ? personsCount : claimsOnlyPersonsCount);
    const store = new DynamoLedgerStore({ client: setupClient, tableName });
    console.log(`Seeding ${persons.length} persons with ${Object.keys(schemeIds).length} pots each…`);
    await seedWorld(store, persons);
    const open = await store.getScheme(funderContext.orgId, schemeIds.open);
    const budgeted = await store.getScheme(funderContext.orgId, schemeIds.budgeted);
    if (open === undefined || budgeted === undefined) throw new Error('bench: the seeded schemes are missing');
    endPhase('seed');

    // The claims persons follow the full world's BSNs in both modes, so their figures are alike.
    const claimsSetup = { endpoint: database.endpoint, tableName, store, worldPersonsCount: personsCount, runId };
    console.log('Measuring capacity units…');
    const capacity = await measureCapacity(
      database.endpoint,
      tableName,
      persons,
      { unbudgeted: open.schemeId, budgeted: budgeted.schemeId },
      runId,
    );
    endPhase('capacity');
    if (phases === 'claims') {
      console.log('Measuring the claim flow: capacity units, approvals and captures per second…');
      const claims = await measureClaims(claimsSetup);
      endPhase('claims');
      await reconcile(store);
      endPhase('reconcile');
      return { capacity, claims };
    }

    console.log('Measuring throughput…');
    const depositModule = await import('../../functions/create-deposit/handler.ts');
    const accountModule = await import('../../functions/get-account/handler.ts');
    const throughput = await measureThroughput({
      client: rawClient,
      tableName,
      persons,
      schemes: { open, budgeted },
      depositHandler: depositModule.handler as ApiHandler,
      accountHandler: accountModule.handler as ApiHandler,
      runId,
    });
    endPhase('throughput');

    console.log(
      `Simulating an opening-day rush: ${rushViewsCount} balance views, ${rushConcurrencyInFlight} in flight…`,
    );
    const rush = await measureRush(accountModule.handler as ApiHandler, persons);
    endPhase('rush');

    console.log('Measuring the claim flow: capacity units, approvals and captures per second…');
    const claims = await measureClaims(claimsSetup);
    endPhase('claims');

    console.log(`Measuring table reads in the authorizer over ${authorizerRequestsCount} business requests…`);
    const authorizer = await measureAuthorizer(authorizerClient, tableName, benchPersonIdSecret);
    endPhase('authorizer');

    await reconcile(store);
    endPhase('reconcile');
    return { capacity, throughput, rush, claims, authorizer };
  } finally {
    for (const client of [setupClient, rawClient, authorizerClient]) client.destroy();
    await database.stop();
  }
}

async function reconcile(store: DynamoLedgerStore): Promise<void> {
  const reconciliation = await store.reconcile();
  if (!reconciliation.balanced)
    throw new Error(`bench: the ledger does not balance after the run: ${JSON.stringify(reconciliation)}`);
}

function report(results: Results): string {
  const { capacity, throughput, bundles, environment } = results;
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `Leerrekening bench, ${results.timestamp}: ` +
      `node ${environment.node}, ${environment.cpus.count} × ${environment.cpus.model}, ` +
      `${round(environment.memoryBytes / 2 ** 30)} GiB, load ${environment.loadAverage1m.atStart} at start and ` +
      `${environment.loadAverage1m.atEnd} at end, ${results.durationSeconds} s ` +
      `(${Object.entries(results.phaseSeconds)
        .map(([phase, seconds]) => `${phase} ${seconds}`)
        .join(', ')})`,
  );

  lines.push('', 'Capacity units per request');
  lines.push(
    table(
      ['request', 'reported by DynamoDB Local', 'by DynamoDB rules, indexes included', 'detail'],
      [
        depositRow('deposit, no budget: commit', capacity.unbudgeted),
        depositRow('deposit, budgeted: commit', capacity.budgeted),
        [
          'deposit, no budget: reads',
          `${capacity.unbudgeted.readsReportedRcu} RCU`,
          '',
          requestList(capacity.unbudgeted),
        ],
        ['deposit, budgeted: reads', `${capacity.budgeted.readsReportedRcu} RCU`, '', requestList(capacity.budgeted)],
        [
          `balance overview (readAccount, ${capacity.overview.potCount} pots)`,
          `${capacity.overview.reportedRcu} RCU`,
          `${capacity.overview.rulesRcu} RCU`,
          `one consistent Query, ${capacity.overview.resultBytes} B`,
        ],
      ],
    ),
  );
  lines.push(`  ${capacity.note}${capacity.stable ? '' : ' (samples differed; see results.json)'}`);

  const t = throughput;
  lines.push(
    '',
    `Throughput, ${t.handlerDeposits.concurrencyInFlight} in flight, after ${warmupCount} warm-up requests each, ` +
      `${measuredRoundsCount} rounds in alternating order`,
  );
  lines.push(
    table(
      ['run', 'requests', 'per second', 'per round', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        runRow('deposit handler, no budget', t.handlerDeposits),
        runRow('deposit handler, budgeted', t.handlerDepositsBudgeted),
        runRow('raw TransactWriteItems (same 3 items)', t.rawDepositTransactions),
        runRow('get-account handler', t.handlerOverviews),
        runRow('raw Query (readAccount)', t.rawOverviewQueries),
      ],
    ),
  );
  lines.push(
    `  deposit handler / raw transaction: ${t.depositRatio}    overview handler / raw query: ${t.overviewRatio}`,
  );
  lines.push(...claimsReport(results.claims));

  lines.push(...bundlesReport(bundles));
  const { authorizer } = results;
  lines.push(
    '',
    `Authorizer: ${authorizer.requests} business requests from ${authorizer.clients} clients over ` +
      `${authorizer.spanSeconds} s, client registry cached ${authorizer.cacheMs / 1000} s: ` +
      `${authorizer.tableRequests} table reads, ${authorizer.reportedRcu} RCU, ` +
      `${authorizer.rcuPerRequest} RCU per request (summary.authorizerRcuPerRequest)`,
  );
  lines.push(...webReport(results.web));
  lines.push(...mutationReport(results.mutation));
  lines.push(...rushReport(results.rush));
  lines.push('', ...batchReport(results.batches));
  lines.push(...costReport(results.cost));
  return lines.join('\n');
}

/** Phase 5: a row per function, largest first, and what the largest is made of. */
function bundlesReport(bundles: readonly BundleFigures[]): string[] {
  const lines: string[] = [];
  lines.push(
    '',
    'Bundles (esbuild ESM, minified, node22, AWS SDK bundled); ' +
      `init = ${initRunsPerBundleCount} cold imports each, deployed with NODE_OPTIONS=--enable-source-maps`,
  );
  lines.push(
    table(
      ['function', 'bytes', 'KiB', 'gzip KiB', 'map KiB', 'init ms median (min)', 'no source maps', 'largest inputs'],
      [...bundles]
        .sort((a, b) => b.minifiedBytes - a.minifiedBytes)
        .map((bundle) => [
          bundle.functionName,
          String(bundle.minifiedBytes),
          String(bundle.minifiedKiB),
          String(bundle.gzipKiB),
          String(round(bundle.sourceMapBytes / 1024)),
          `${bundle.initMs} (${bundle.initMinMs})`,
          `${bundle.initNoSourceMapsMs} (${bundle.initNoSourceMapsMinMs})`,
          bundle.topInputs
            .slice(0, 3)
            .map((input) => `${input.name} ${round(input.bytes / 1024)}K`)
            .join(', '),
        ]),
    ),
  );
  const biggest = [...bundles].sort((a, b) => b.minifiedBytes - a.minifiedBytes)[0];
  if (biggest !== undefined) {
    lines.push(
      `  ${biggest.functionName}, the biggest, from ${biggest.inputFilesCount} files; most bytes from: ` +
        biggest.topInputs.map((input) => `${input.name} ${round(input.bytes / 1024)} KiB`).join(', '),
    );
    lines.push(
      '  by part: ' +
        Object.entries(biggest.composition)
          .sort(([, a], [, b]) => b - a)
          .map(([part, bytes]) => `${part} ${round(bytes / 1024)} KiB`)
          .join(', '),
    );
  }
  return lines;
}

function depositRow(label: string, deposit: DepositCapacity): string[] {
  return [
    label,
    `${deposit.commitReportedWcu} WCU`,
    `${deposit.commitRulesWcu} + ${deposit.indexRulesWcu} (indexes) = ${wcuWithIndexes(deposit)} WCU`,
    deposit.items
      .map((item) => `${item.role} ${item.sizeBytes} B${item.indexWrites > 0 ? ` (${item.indexWrites} index)` : ''}`)
      .join(', '),
  ];
}

/** Write units of a request by the rules, its transaction's items and their index entries together. */
function wcuWithIndexes(entry: Pick<UseCaseCapacity, 'commitRulesWcu' | 'indexRulesWcu'>): number {
  return entry.commitRulesWcu + entry.indexRulesWcu;
}

function requestList(deposit: Pick<DepositCapacity, 'requests'>): string {
  return deposit.requests
    .filter((request) => request.operation !== 'TransactWriteItems')
    .map((request) => `${request.operation} ${request.reportedUnits}`)
    .join(', ');
}

/** The claims phase: capacity per step and per pot touched, then approvals and captures per second. */
function claimsReport(claims: ClaimsFigures): string[] {
  const row = (entry: UseCaseCapacity): string[] => [
    entry.request,
    String(entry.pots),
    `${entry.commitReportedWcu} WCU`,
    `${entry.commitRulesWcu} WCU`,
    entry.commitRulesWcuPerPot === undefined ? '' : `${entry.commitRulesWcuPerPot} WCU`,
    `${entry.indexRulesWcu} WCU`,
    `${entry.commitRulesWcu + entry.indexRulesWcu} WCU`,
    entry.pots === 0 ? '' : `${round((entry.commitRulesWcu + entry.indexRulesWcu) / entry.pots)} WCU`,
    `${entry.readsReportedRcu} RCU`,
    itemList(entry),
  ];
  const t = claims.throughput;
  return [
    '',
    'Claims: capacity units per request (use cases called as the handlers call them)',
    table(
      [
        'request',
        'pots',
        'reported',
        'by rules',
        'rules per pot',
        '+ GSI writes',
        'with GSIs',
        'with GSIs per pot',
        'reads (reported)',
        'items: role size (×count)',
      ],
      [claims.createClaim, ...claims.approvals, ...claims.capturesFull, ...claims.capturesPartial].map(row),
    ),
    `  ${claims.note}${claims.stable ? '' : ' (samples differed; see results.json)'}`,
    `  reads: ${[claims.createClaim, claims.approvals[0], claims.capturesFull[0]]
      .filter((entry): entry is UseCaseCapacity => entry !== undefined)
      .map((entry) => `${entry.request}: ${requestList(entry)}`)
      .join('; ')}`,
    '',
    `Claims: throughput, ${t.approvals.concurrencyInFlight} in flight, ` +
      `after ${claimsWarmupCount} warm-up approvals and captures, ` +
      `${claimsMeasuredRoundsCount} rounds (approve a batch, then capture it), ${t.persons} persons, ` +
      `€${t.claimCents / 100} claims held in ${t.potsPerApproval} pot`,
    table(
      ['run', 'requests', 'per second', 'per round', 'p50 ms', 'p95 ms', 'p99 ms'],
      [runRow('approve-claim handler', t.approvals), runRow('capture-claim handler (full)', t.captures)],
    ),
  ];
}

/** Items of a claim transaction, grouped by role: size in bytes (the largest) and how many. */
function itemList(entry: UseCaseCapacity): string {
  const byRole = new Map<string, { count: number; sizeBytes: number }>();
  for (const item of entry.items) {
    const seen = byRole.get(item.role) ?? { count: 0, sizeBytes: 0 };
    byRole.set(item.role, { count: seen.count + 1, sizeBytes: Math.max(seen.sizeBytes, item.sizeBytes) });
  }
  return [...byRole]
    .map(([role, { count, sizeBytes }]) => `${role} ${sizeBytes} B${count > 1 ? ` ×${count}` : ''}`)
    .join(', ');
}

function runRow(label: string, run: RunFigures): string[] {
  return [
    label,
    String(run.count),
    String(run.perSecond),
    run.perSecondByRun.join(' / '),
    String(run.latencyMs.p50),
    String(run.latencyMs.p95),
    String(run.latencyMs.p99),
  ];
}

/** A plain text table: columns padded to their widest cell. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()}`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
