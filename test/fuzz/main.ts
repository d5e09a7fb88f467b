/**
 * `npm run fuzz -- --seconds N [--seed S] [--operations K]`: the model-based fuzzer's long run.
 * Starts its own in-memory DynamoDB Local and the whole local system, then runs random histories
 * under injected DynamoDB faults (see `history.ts`) until the time is up, one seed after another
 * from S on, and prints what it did. The last line is
 * `fuzz: N operations, F faults, C crashes, lost 0, doubled 0`; the exit status is 1 when anything
 * was lost or doubled or any history left the model. `--seed S --seconds 0` replays one history.
 */
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { runLocalJob } from '../../infra/local/jobs.ts';
import { startLocalSystem } from '../../infra/local/start.ts';
import { faultKinds } from '../../shared/store/dynamo/fault-injection.ts';
import { businessTokens } from '../support/business-token.ts';
import { citizenLogin } from '../support/citizen-login.ts';
import {
  type FuzzResponse,
  type FuzzTarget,
  type HistoryReport,
  mergeReports,
  runHistory,
  summaryLine,
} from './history.ts';
import { runExpiryJobAt } from './jobs-at.ts';

const rates = { conflict: 0.08, throttle: 0.08, timeout: 0.04, 'lost-reply': 0.06, crash: 0.02 } as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string' },
      operations: { type: 'string', default: '60' },
    },
  });
  const seconds = Number(values.seconds);
  const operations = Number(values.operations);
  const firstSeed = values.seed === undefined ? randomInt(1, 1_000_000) : Number(values.seed);
  if (!(seconds >= 0) || !Number.isSafeInteger(firstSeed) || !(operations >= 1)) {
    console.error('Usage: npm run fuzz -- --seconds N [--seed S] [--operations K]');
    return 2;
  }
  const payoutDirectory = await mkdtemp(join(tmpdir(), 'fuzz-payouts-'));
  process.env['PAYOUT_DIRECTORY'] = payoutDirectory;
  const database = await startDynamoDbLocal({});
  const system = await startLocalSystem({
    port: 0,
    dynamoEndpoint: database.endpoint,
    tableName: 'fuzz',
    batchVisibilityTimeoutMs: 300,
    usageStream: false,
    clientRegistryCacheMs: 3_600_000,
  });
  const token = businessTokens(system.issuer);
  const citizenTokens = new Map<string, Promise<string>>();
  const target: FuzzTarget = {
    api: (method, path, options) => call(system.origin, method, path, options),
    token,
    citizenToken(bsn) {
      let cached = citizenTokens.get(bsn);
      if (cached === undefined) {
        cached = citizenLogin({ issuer: system.issuer, redirectUri: `${system.origin}/auth/callback`, bsn }).then(
          (tokens) => tokens.access_token,
        );
        citizenTokens.set(bsn, cached);
      }
      return cached;
    },
    batchQueueIdle: () => system.batchQueue.idle(),
    runJob: (name) => runLocalJob(name),
    runExpiryJobAt,
  };

  console.log(
    `fuzz: seeds from ${firstSeed}, ${operations} operations each, for ${seconds} s; faults ${JSON.stringify(rates)}`,
  );
  const reports: HistoryReport[] = [];
  const started = Date.now();
  try {
    for (let seed = firstSeed; reports.length === 0 || Date.now() - started < seconds * 1000; seed += 1) {
      const report = await runHistory(target, { seed, operations, rates });
      reports.push(report);
      const faults = Object.values(report.faults).reduce((sum, count) => sum + count, 0);
      console.log(
        `seed ${seed}: ${report.failures.length === 0 ? 'ok' : 'FAILED'}, ${faults} faults, ` +
          `${report.requests} requests (${report.retried} retried), slowest answer ${report.slowestAnswerMs} ms`,
      );
      for (const failure of report.failures) console.log(`  ${failure}`);
    }
  } finally {
    await system.stop();
    await database.stop();
    await rm(payoutDirectory, { recursive: true, force: true });
  }
  const total = mergeReports(reports);
  const count = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
  console.log('');
  console.log(`histories        ${total.histories} (seeds ${firstSeed} to ${firstSeed + reports.length - 1})`);
  console.log(`operations       ${count(total.operations)}`);
  console.log(`faults injected  ${faultKinds.map((kind) => `${kind} ${total.faults[kind]}`).join(', ')}`);
  console.log(`requests         ${total.requests} (${total.retried} answered 5xx and were retried with their key)`);
  console.log(`euros moved      € ${(total.centsMoved / 100).toFixed(2)}`);
  console.log(`invariant checks ${total.invariantChecks}`);
  console.log(`slowest answer   ${total.slowestAnswerMs} ms`);
  console.log(`failures         ${total.failures.length}`);
  console.log(summaryLine(total));
  return total.failures.length === 0 && total.lost === 0 && total.doubled === 0 ? 0 : 1;
}

/** One call to the API, as a client sends it: JSON, a bearer token, an Idempotency-Key when given. */
async function call(
  origin: string,
  method: string,
  path: string,
  options: { token: string; body?: unknown; idempotencyKey?: string },
): Promise<FuzzResponse> {
  const headers = new Headers({ authorization: `Bearer ${options.token}` });
  if (options.idempotencyKey !== undefined) headers.set('idempotency-key', options.idempotencyKey);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text !== '' ? JSON.parse(text) : text,
    text,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
