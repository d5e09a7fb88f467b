import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { demoClients } from '../../infra/local/demo-world.ts';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { startLocalSystem } from '../../infra/local/start.ts';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import { runAsChildPhase, runChildPhase } from './child-phase.ts';
import { runInFlight } from './in-flight.ts';

/**
 * Deposit batches end to end, as a funder meets them: through the local server `npm start` runs
 * (HTTP, the authorizer with a real token, the handlers, the worker on its in-process queue,
 * DynamoDB Local). A 10,000-row CSV batch from its upload until it is done, two at once, and
 * single deposits through the same server for comparison. It runs in a child process of its own,
 * as the web phase does (see `web.ts`): the handlers keep their configuration in module singletons.
 */

export interface EndToEndFigures {
  readonly rows10kSeconds: number;
  readonly rows20kSeconds: number;
  readonly singlesCount: number;
  readonly singlesInFlight: number;
  readonly singlesPerSecond: number;
}

const thisFile = fileURLToPath(import.meta.url);
const childTimeoutMs = 900_000;
const batchRows = 10_000;
const singlesCount = 1_000;
const singlesInFlight = 16;

/** Runs the end-to-end measurement in a child process and returns its figures. */
export function runBatchesEndToEnd(): Promise<EndToEndFigures> {
  return runChildPhase<EndToEndFigures>(thisFile, 'batches', childTimeoutMs);
}

/** Valid BSNs from `start` up. */
function bsns(count: number, start: number): string[] {
  const found: string[] = [];
  for (let candidate = start; found.length < count; candidate += 1) {
    if (isValidBsn(String(candidate))) found.push(String(candidate));
  }
  return found;
}

async function measure(): Promise<EndToEndFigures> {
  const database = await startDynamoDbLocal();
  const system = await startLocalSystem({ port: 0, dynamoEndpoint: database.endpoint, tableName: 'bench-e2e' });
  try {
    const client = demoClients.find((candidate) => candidate.clientId === 'funder-rijk');
    if (client === undefined) throw new Error('bench: no funder-rijk in the demo world');
    const tokenResponse = await fetch(`${system.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const api = async (method: string, url: string, body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${system.origin}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        ...(method === 'POST' && { body }),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`bench: ${method} ${url} answered ${response.status}: ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    for (const schemeId of ['bench-e2e-batch', 'bench-e2e-single']) {
      await api('POST', '/v1/schemes', JSON.stringify({ schemeId, label: schemeId, expiresAfterMonths: 24 }));
    }
    const people = bsns(3 * batchRows + singlesCount, 100_000_000);
    const csv = (from: number) =>
      [
        'bsn;schemeId;amount;reference',
        ...people.slice(from, from + batchRows).map((bsn) => `${bsn};bench-e2e-batch;100;Grant 2027`),
      ].join('\r\n');
    /** Uploads batches at once and waits until every one is done, checking every row was paid. */
    const batches = async (starts: readonly number[]): Promise<number> => {
      const started = performance.now();
      const ids = await Promise.all(
        starts.map(async (from) => {
          const accepted = await api('POST', '/v1/deposit-batches', csv(from), {
            'content-type': 'text/csv',
            'idempotency-key': `e2e-${from}`,
          });
          return accepted['batchId'] as string;
        }),
      );
      await system.batchQueue.idle();
      for (const id of ids) {
        const batch = await api('GET', `/v1/deposit-batches/${id}`, '');
        if (batch['status'] !== 'done' || batch['succeeded'] !== batchRows) {
          throw new Error(`bench: batch ${id} is ${String(batch['status'])} with ${String(batch['succeeded'])} paid`);
        }
      }
      return (performance.now() - started) / 1000;
    };
    console.log(`  end to end: one batch of ${batchRows} rows through the local server…`);
    const rows10kSeconds = await batches([0]);
    console.log(`  end to end: two batches of ${batchRows} rows at once…`);
    const rows20kSeconds = await batches([batchRows, 2 * batchRows]);
    console.log(`  end to end: ${singlesCount} single deposits, ${singlesInFlight} in flight…`);
    const singles = people.slice(3 * batchRows);
    const started = performance.now();
    await runInFlight(singles.length, singlesInFlight, async (index) => {
      await api(
        'POST',
        '/v1/deposits',
        JSON.stringify({ bsn: singles[index], schemeId: 'bench-e2e-single', amount: 100 }),
        { 'idempotency-key': `e2e-single-${index}` },
      );
    });
    const singlesPerSecond = singlesCount / ((performance.now() - started) / 1000);
    return { rows10kSeconds, rows20kSeconds, singlesCount, singlesInFlight, singlesPerSecond };
  } finally {
    await system.stop();
    await database.stop();
  }
}

// As a child of runBatchesEndToEnd: `batches-end-to-end.ts <result file>`.
runAsChildPhase(
  thisFile,
  'usage: tsx test/bench/batches-end-to-end.ts <result file>   (BENCH_ONLY=batches npm run bench)',
  measure,
);
