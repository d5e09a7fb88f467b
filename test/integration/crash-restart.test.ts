import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deathsMax } from '../../infra/local/dynamodb-local-supervisor.ts';
import { isDynamoDbLocalProcess } from '../../infra/local/orphaned-dynamodb-local.ts';
import type { Account, Claim, Page, Reconciliation, Transaction } from '../../shared/api/views.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { clientCredentialsToken } from '../support/business-token.ts';
import { citizenLogin } from '../support/citizen-login.ts';
import { validBsn } from '../support/local-system.ts';

/**
 * `npm start` as a developer runs it, in a child process on a data folder of its own, killed the
 * hard way. Killed as a whole (SIGKILL to its process group) in the middle of a burst of deposits,
 * approvals and captures, then started again on the same data: every request, retried with its own
 * idempotency key, takes effect exactly once and gets the answer it got before the crash (but for an
 * acknowledged write DynamoDB Local itself lost, see `lostTransactionsMax`), and the ledger still
 * balances. DynamoDB Local's Java killed alone is restarted under the running system. Node killed
 * alone leaves Java running, and the next start stops it before it opens the data.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** How long one `npm start` may take to print its banner on a busy machine. */
const startTimeoutMs = 45_000;
/** How long a killed DynamoDB Local may take to serve requests again. */
const recoveryTimeoutMs = 60_000;

/** One `npm start` in its own process group, so that the test can kill all of it at once. */
interface Run {
  readonly child: ChildProcess;
  readonly origin: string;
  /** Resolves with the exit code (null when a signal ended it) once the process is gone. */
  readonly exited: Promise<number | null>;
  output(): string;
}

const runs: Run[] = [];
let dataRoot: string;

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(tmpdir(), 'leerrekening-crash-'));
});

afterAll(async () => {
  // The group outlives its leader while any member (an orphaned Java) lives, so this reaches everything.
  for (const run of runs) killGroup(run);
  await Promise.all(runs.map((run) => run.exited));
  await rm(dataRoot, { recursive: true, force: true });
});

function killGroup(run: Run): void {
  try {
    process.kill(-(run.child.pid ?? 0), 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Starts `tsx infra/local/start.ts` on a data folder (the test's own when omitted) and resolves once it
 * has printed its banner.
 */
async function startRun(options: { readonly dataFolder?: string; readonly inMemory?: boolean } = {}): Promise<Run> {
  const child = spawn(tsx, ['infra/local/start.ts', ...(options.inMemory === true ? ['--in-memory'] : [])], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      LEERREKENING_DATA_DIR: options.dataFolder ?? dataRoot,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const deadline = Date.now() + startTimeoutMs;
  let origin: string | undefined;
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  while (origin === undefined) {
    origin = /Web app\s+(http:\/\/localhost:\d+)\//.exec(output)?.[1];
    if (origin !== undefined) break;
    if (ended || Date.now() > deadline) {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await sleep(100);
  }
  const run = { child, origin, exited, output: () => output };
  runs.push(run);
  return run;
}

/** What the run wrote in its endpoint file: its Node pid and DynamoDB Local's. */
async function endpointFile(dataFolder = dataRoot): Promise<{ pid: number; dynamoPid: number }> {
  return JSON.parse(await readFile(path.join(dataFolder, 'endpoint.json'), 'utf8'));
}

/** Resolves once the run's output has `count` lines saying DynamoDB Local was restarted. */
async function untilRestarted(run: Run, count: number): Promise<void> {
  const deadline = Date.now() + recoveryTimeoutMs;
  while ((run.output().match(/restarted it on the same data/g) ?? []).length < count) {
    if (Date.now() > deadline) throw new Error(`DynamoDB Local was not restarted ${count} times:\n${run.output()}`);
    await sleep(100);
  }
}

/** A client of one run: tokens from its provider, calls to its API. */
class Caller {
  readonly #tokens = new Map<string, Promise<string>>();
  constructor(readonly run: Run) {}

  token(who: Who): Promise<string> {
    const key = 'client' in who ? who.client : who.bsn;
    let token = this.#tokens.get(key);
    if (token === undefined) {
      const issuer = `${this.run.origin}/oidc`;
      token =
        'client' in who
          ? clientCredentialsToken(issuer, { clientId: who.client, clientSecret: `${who.client}-secret` })
          : citizenLogin({ issuer, redirectUri: `${this.run.origin}/auth/callback`, bsn: who.bsn }).then(
              (tokens) => tokens.access_token,
            );
      this.#tokens.set(key, token);
      // Forgotten when it fails (the system still starting, say), so the next call tries again.
      token.catch(() => this.#tokens.delete(key));
    }
    return token;
  }

  async send(request: ApiCall): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token(request.who)}` };
    if (request.key !== undefined) headers['idempotency-key'] = request.key;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.run.origin}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
    });
    return { status: response.status, text: await response.text() };
  }

  /** Sends and expects `status`; returns the parsed body. */
  async expect<B>(request: ApiCall, status: number): Promise<B> {
    const answer = await this.send(request);
    expect(answer.status, `${request.method} ${request.path}: ${answer.text}`).toBe(status);
    return JSON.parse(answer.text) as B;
  }
}

type Who = { readonly client: string } | { readonly bsn: string };

interface ApiCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly who: Who;
  readonly body?: unknown;
  readonly key?: string;
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

const funder = { client: 'funder-rijk' } as const;
const provider = { client: 'provider-demo' } as const;
const auditor = { client: 'auditor-demo' } as const;
const schemeId = 'ontwikkelbudget';
const claimAmount = 10_000;
const funding = 100_000;
const today = dateOf(new Date());
const evidence = { kind: 'attendance', date: today } as const;

function depositCall(bsn: string, amount: number): ApiCall {
  return { method: 'POST', path: '/v1/deposits', who: funder, body: { bsn, schemeId, amount }, key: randomUUID() };
}

async function accountOf(caller: Caller, bsn: string): Promise<Account> {
  return caller.expect<Account>({ method: 'GET', path: '/v1/me/account', who: { bsn } }, 200);
}

async function transactionTypes(caller: Caller, bsn: string): Promise<Record<string, number>> {
  const page = await caller.expect<Page<Transaction>>(
    { method: 'GET', path: '/v1/me/transactions?limit=200', who: { bsn } },
    200,
  );
  const counts: Record<string, number> = {};
  for (const item of page.items) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

/** Sends until the answer is not a 5xx (a refused connection counts as one), as a careful client does. */
async function untilAnswered(caller: Caller, request: ApiCall): Promise<Answer> {
  const deadline = Date.now() + recoveryTimeoutMs;
  for (;;) {
    const answer = await caller.send(request).catch((error: unknown) => ({ status: 599, text: String(error) }));
    if (answer.status < 500) return answer;
    if (Date.now() > deadline) throw new Error(`${request.method} ${request.path} kept failing: ${answer.text}`);
    await sleep(250);
  }
}

/**
 * Acknowledged transactions that DynamoDB Local may lose when SIGKILLed. Measured with TransactWriteItems
 * alone (no Leerrekening code): killed while busy, it loses the last one it acknowledged, whole (both
 * items or neither), in nearly every run; killed with SIGTERM, or when idle, none. DynamoDB itself does
 * not; this is the local stand-in's durability. The ledger stays right because the loss is whole: the
 * idempotency record goes with the money, so the retry does the request again, once.
 */
const lostTransactionsMax = 1;

/** The body with every instant and date replaced, to compare what a redone request answered. */
function withoutInstants(value: unknown): unknown {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}(T|$)/.test(value) ? '<instant>' : value;
  if (Array.isArray(value)) return value.map(withoutInstants);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutInstants(item)]));
  return value;
}

// The citizens of each kind of request in the burst; seeds far from other test files'.
const depositors = Array.from({ length: 5 }, (_, index) => validBsn(61_000 + index));
const approvers = Array.from({ length: 5 }, (_, index) => validBsn(61_100 + index));
const capturers = Array.from({ length: 5 }, (_, index) => validBsn(61_200 + index));
const depositsEach = 6;

describe('npm start killed and started again on the same data', () => {
  /** Each burst request with the answer it got before the crash, if any. */
  const burst: Array<{ request: ApiCall; before?: Answer }> = [];
  let restarted: Run;
  let third: Run;
  /** What the first depositor has after the last deposit, for the last test to find on the kept data. */
  let expectedAvailable = 0;

  it('SIGKILLed as a whole mid-burst: every request retried with its key took effect once, ' +
    'answers given before the crash are replayed, the ledger balances', { timeout: 90_000 }, async () => {
    const first = await startRun();
    const before = new Caller(first);
    const courseId = `crash-${randomUUID().slice(0, 8)}`;
    await before.expect(
      {
        method: 'POST',
        path: '/v1/courses',
        who: provider,
        body: { courseId, title: `Cursus ${courseId}`, category: 'taal', price: claimAmount },
      },
      201,
    );
    const claimFor = async (bsn: string): Promise<Claim> => {
      await before.expect(depositCall(bsn, funding), 201);
      return before.expect<Claim>(
        {
          method: 'POST',
          path: '/v1/claims',
          who: provider,
          body: { bsn, courseId, amount: claimAmount, startDate: addDays(today, -7) },
          key: randomUUID(),
        },
        201,
      );
    };
    const toApprove = await Promise.all(approvers.map(claimFor));
    const toCapture = await Promise.all(capturers.map(claimFor));
    await Promise.all(
      toCapture.map((claim, index) =>
        before.expect(
          {
            method: 'POST',
            path: `/v1/me/claims/${claim.claimId}/approve`,
            who: { bsn: capturers[index] as string },
            key: randomUUID(),
          },
          200,
        ),
      ),
    );
    // Log the approvers in now, so the burst is only the requests themselves.
    await Promise.all(approvers.map((bsn) => before.token({ bsn })));
    await before.token(funder);

    burst.push(
      ...depositors.flatMap((bsn, person) =>
        Array.from({ length: depositsEach }, (_, index) => ({
          request: depositCall(bsn, 1_000 * (index + 1) + person),
        })),
      ),
      ...toApprove.map((claim, index) => ({
        request: {
          method: 'POST',
          path: `/v1/me/claims/${claim.claimId}/approve`,
          who: { bsn: approvers[index] as string },
          key: randomUUID(),
        } satisfies ApiCall,
      })),
      ...toCapture.map((claim) => ({
        request: {
          method: 'POST',
          path: `/v1/claims/${claim.claimId}/capture`,
          who: provider,
          body: { amount: claimAmount, evidence },
          key: randomUUID(),
        } satisfies ApiCall,
      })),
    );
    // Interleaved, so the kill finds requests of every kind on the way.
    burst.sort(() => Math.random() - 0.5);

    // The whole process group dies after the first few answers, with the rest on the way.
    let answered = 0;
    const killAfter = Math.floor(burst.length / 4);
    await Promise.all(
      burst.map(async (entry) => {
        const answer = await before.send(entry.request).catch(() => undefined);
        if (answer === undefined) return;
        entry.before = answer;
        answered += 1;
        if (answered === killAfter) killGroup(first);
      }),
    );
    await first.exited;
    const answeredBefore = burst.filter((entry) => entry.before !== undefined);
    expect(answeredBefore.length).toBeGreaterThanOrEqual(killAfter);
    expect(answeredBefore.length, 'some requests were on their way when it died').toBeLessThan(burst.length);

    restarted = await startRun();
    const after = new Caller(restarted);
    const answers = await Promise.all(burst.map((entry) => untilAnswered(after, entry.request)));

    const redone: Answer[] = [];
    for (const [index, entry] of burst.entries()) {
      const answer = answers[index] as Answer;
      const { method, path: requestPath } = entry.request;
      expect(answer.status, `${method} ${requestPath}: ${answer.text}`).toBe(
        requestPath === '/v1/deposits' ? 201 : 200,
      );
      // The answer given before the crash, as it was (a 5xx is no answer to keep) ...
      if (entry.before === undefined || entry.before.status >= 500 || answer.text === entry.before.text) continue;
      // ... unless DynamoDB Local lost the acknowledged transaction (see `lostTransactionsMax`): then the retry
      // did it again, with the same ids (they come from the key) and only the instant changed.
      expect(answer.status).toBe(entry.before.status);
      expect(withoutInstants(JSON.parse(answer.text))).toEqual(withoutInstants(JSON.parse(entry.before.text)));
      redone.push(entry.before);
    }
    expect(redone.length, `answers not replayed as given: ${JSON.stringify(redone)}`).toBeLessThanOrEqual(
      lostTransactionsMax,
    );
    for (const [person, bsn] of depositors.entries()) {
      const total = Array.from({ length: depositsEach }, (_, index) => 1_000 * (index + 1) + person).reduce(
        (sum, amount) => sum + amount,
      );
      expect((await accountOf(after, bsn)).totals).toEqual({ available: total, reserved: 0 });
      expect(await transactionTypes(after, bsn)).toEqual({ deposit: depositsEach });
    }
    for (const bsn of approvers) {
      expect((await accountOf(after, bsn)).totals).toEqual({
        available: funding - claimAmount,
        reserved: claimAmount,
      });
      expect(await transactionTypes(after, bsn)).toEqual({ deposit: 1, reservation: 1 });
    }
    for (const bsn of capturers) {
      expect((await accountOf(after, bsn)).totals).toEqual({ available: funding - claimAmount, reserved: 0 });
      expect(await transactionTypes(after, bsn)).toEqual({ deposit: 1, reservation: 1, capture: 1 });
    }
    const reconciliation = await after.expect<Reconciliation>(
      { method: 'GET', path: '/v1/admin/reconciliation', who: auditor },
      200,
    );
    expect(reconciliation).toMatchObject({ balanced: true, sum: 0 });
  });

  it('DynamoDB Local SIGKILLed alone is restarted on the same data and port, and requests succeed again', {
    timeout: 75_000,
  }, async () => {
    const caller = new Caller(restarted);
    const bsn = depositors[0] as string;
    const { available } = (await accountOf(caller, bsn)).totals;
    const { dynamoPid } = await endpointFile();
    process.kill(dynamoPid, 'SIGKILL');

    const deposit = depositCall(bsn, 123);
    const answer = await untilAnswered(caller, deposit);
    expect(answer.status, answer.text).toBe(201);
    expect((await accountOf(caller, bsn)).totals.available).toBe(available + 123);
    expect(restarted.output()).toMatch(
      new RegExp(`DynamoDB Local \\(pid ${dynamoPid}\\) ended \\(signal SIGKILL\\); restarted it on the same data`),
    );
    // The endpoint file names the new process, for the next start to find.
    const { dynamoPid: newPid } = await endpointFile();
    expect(newPid).not.toBe(dynamoPid);
    expect(await isDynamoDbLocalProcess(newPid)).toBe(true);
    expectedAvailable = available + 123;
  });

  it('Node SIGKILLed alone leaves Java running, and the next start stops it before it opens the data', {
    timeout: 60_000,
  }, async () => {
    const { pid, dynamoPid } = await endpointFile();
    process.kill(pid, 'SIGKILL');
    await restarted.exited;
    expect(await isDynamoDbLocalProcess(dynamoPid), 'Java outlived Node').toBe(true);

    third = await startRun();
    expect(third.output()).toContain(`Stopped DynamoDB Local (pid ${dynamoPid}) that a killed local system`);
    expect(await isDynamoDbLocalProcess(dynamoPid)).toBe(false);
    const caller = new Caller(third);
    expect((await accountOf(caller, depositors[0] as string)).totals.available).toBe(expectedAvailable);
  });

  it(`stops with exit code 1 when DynamoDB Local dies more than ${deathsMax} times within a minute`, {
    timeout: 75_000,
  }, async () => {
    // The run the last test started, on the kept data.
    const run = third;
    for (let death = 1; death <= deathsMax + 1; death += 1) {
      const { dynamoPid } = await endpointFile();
      process.kill(dynamoPid, 'SIGKILL');
      if (death <= deathsMax) {
        await untilRestarted(run, death);
        // The restarted process is in the endpoint file once the line is out.
        await expect.poll(async () => (await endpointFile()).dynamoPid).not.toBe(dynamoPid);
      }
    }
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/died or failed to restart more than 3 times within 60 s \(last: signal SIGKILL\)/);
  });

  it('stops with exit code 1 and says why when DynamoDB Local in memory dies: its data is gone', async () => {
    const dataFolder = path.join(dataRoot, 'in-memory');
    const run = await startRun({ dataFolder, inMemory: true });
    process.kill((await endpointFile(dataFolder)).dynamoPid, 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/kept its data in memory, so that data is gone/);
    expect(run.output()).not.toMatch(/restarted it/);
  });
});
