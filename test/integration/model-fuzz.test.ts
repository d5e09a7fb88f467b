import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runLocalJob } from '../../infra/local/jobs.ts';
import { type HistoryReport, mergeReports, runHistory, summaryLine } from '../fuzz/history.ts';
import { runExpiryJobAt } from '../fuzz/jobs-at.ts';
import { startTestSystem, type TestSystem } from '../support/local-system.ts';

/**
 * A short budget of the model-based fuzzer (`npm run fuzz` runs a long one): random histories
 * through the real local system with every kind of DynamoDB fault injected, compared with the
 * reference model after every step. A failure names its seed; `npm run fuzz -- --seed N` replays it.
 */

// Before the modules load, as their loggers read it then: thousands of injected faults are logged otherwise.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'CRITICAL';
});

let system: TestSystem;
let payoutDirectory: string;

beforeAll(async () => {
  payoutDirectory = await mkdtemp(join(tmpdir(), 'fuzz-payouts-'));
  process.env['PAYOUT_DIRECTORY'] = payoutDirectory;
  // No usage stream reader and a long client registry cache: no background reads draw from the
  // injected faults, so a seed's faults follow from the seed alone.
  system = await startTestSystem({
    batchVisibilityTimeoutMs: 300,
    usageStream: false,
    clientRegistryCacheMs: 3_600_000,
  });
});

afterAll(async () => {
  await system?.stop();
  await rm(payoutDirectory, { recursive: true, force: true });
});

// A crash is drawn on about 250 requests here, so at 5% some strike even when the requests of a
// loaded run interleave differently (at 2% one run in eight or so saw none).
const rates = { conflict: 0.08, throttle: 0.08, timeout: 0.04, 'lost-reply': 0.06, crash: 0.05 } as const;

describe('random histories under injected faults', () => {
  it('end as the reference model says: nothing lost, nothing doubled, every answer replays', {
    timeout: 240_000,
  }, async () => {
    const reports: HistoryReport[] = [];
    for (const seed of [1, 2]) {
      reports.push(
        await runHistory(
          {
            api: (method, path, options) => system.api(method, path, options),
            token: (clientId) => system.token(clientId),
            citizenToken: (bsn) => system.citizenToken(bsn),
            batchQueueIdle: () => system.batchQueue.idle(),
            runJob: (name) => runLocalJob(name),
            runExpiryJobAt,
          },
          { seed, operations: 40, rates },
        ),
      );
    }
    const report = mergeReports(reports);
    console.log(summaryLine(report));

    expect(report.failures).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.doubled).toBe(0);
    // The budget did what it is for: faults of every kind struck, and requests got past them.
    for (const count of Object.values(report.faults)) expect(count).toBeGreaterThan(0);
    expect(report.retried).toBeGreaterThan(0);
  });
});
