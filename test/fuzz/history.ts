/**
 * Model-based testing under faults: random histories of deposits, batches, employments and their
 * end, claims, approvals (some with the citizen's own split), captures, cancels and payouts, sent
 * through the real local system (HTTP server, authorizer, handlers, batch worker, jobs, DynamoDB
 * Local) while the DynamoDB client injects conflicts, throttles, timeouts, lost replies and crashes.
 * Every request is retried with its Idempotency-Key until it gets a definite answer, as a careful
 * client would; after every step, with faults off, the system must show what the reference model
 * ({@link LedgerModel}) holds. A history is one seed: the operations and the faults both follow
 * from it, so a failing seed replays the same history with the same faults.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobSummary } from '../../shared/application/job.ts';
import { isValidBsn } from '../../shared/identity/bsn.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import {
  FaultInjector,
  type FaultKind,
  type FaultRates,
  faultKinds,
  injectFaults,
  seededRandom,
} from '../../shared/store/dynamo/fault-injection.ts';
import type { ExpiryJob } from './jobs-at.ts';
import { type ClaimState, LedgerModel, type SchemeKind } from './model.ts';

/** An answer of the API: status, headers, parsed body and the text as sent. */
export interface FuzzResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}

/** The system under test, as the fuzzer reaches it. */
export interface FuzzTarget {
  api(
    method: string,
    path: string,
    options: { token: string; body?: unknown; idempotencyKey?: string },
  ): Promise<FuzzResponse>;
  token(clientId: 'funder-rijk' | 'employer-demo' | 'provider-demo' | 'auditor-demo'): Promise<string>;
  citizenToken(bsn: string): Promise<string>;
  /** Resolves when the batch queue has nothing in flight or waiting. */
  batchQueueIdle(): Promise<void>;
  runJob(name: 'payouts'): Promise<JobSummary>;
  /** Runs an expiry job with its clock at `at` (see `jobs-at.ts`). */
  runExpiryJobAt(name: ExpiryJob, at: Date): Promise<JobSummary>;
}

export const operationKinds = [
  'deposit',
  'batch',
  'register',
  'end',
  'claim',
  'approve',
  'capture',
  'cancel',
  'payouts',
  'expire',
  'replay',
] as const;
export type OperationKind = (typeof operationKinds)[number];

export interface HistoryOptions {
  readonly seed: number;
  readonly operations: number;
  readonly rates: FaultRates;
  readonly persons?: number;
}

export interface HistoryReport {
  readonly seed: number;
  readonly operations: Record<OperationKind, number>;
  readonly faults: Record<FaultKind, number>;
  readonly requests: number;
  /** Answers of 5xx that a retry then got past. */
  readonly retried: number;
  readonly centsMoved: number;
  readonly lost: number;
  readonly doubled: number;
  readonly invariantChecks: number;
  readonly slowestAnswerMs: number;
  /** What went wrong, if anything: the first divergence from the model, with the step it happened at. */
  readonly failures: readonly string[];
}

/** Retries of one request before the history fails as unbounded. */
const attemptsMax = 40;
/** The longest a single answer may take: a handler answers 503 before its 10 s deadline. */
export const answerBoundMs = 12_000;
const batchWaitMs = 90_000;

const today = dateOf(new Date());
const claimStart = addDays(today, -7);
const evidence = { kind: 'attendance', date: today };

/** Runs one history and reports what it did and whether the system kept to the model. */
export async function runHistory(target: FuzzTarget, options: HistoryOptions): Promise<HistoryReport> {
  const random = seededRandom(options.seed ^ 0x5eed5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const injector = new FaultInjector(options.rates, options.seed);
  const personCount = Math.min(options.persons ?? 4, 8);
  const model = new LedgerModel(personCount);
  // The people follow from the seed, so a seed replayed on a fresh table meets the same people, and
  // histories of other seeds on the same table never share one.
  const bsns = Array.from({ length: personCount }, (_, index) => bsnOf((options.seed % 1_000_000) * 8 + index));
  const tag = `fz${options.seed.toString(36)}`;
  const schemeIds: Record<SchemeKind, string> = { public: `${tag}-p`, employer: `${tag}-e` };
  const schemeOf = (schemeId: string): SchemeKind | undefined =>
    schemeId === schemeIds.public ? 'public' : schemeId === schemeIds.employer ? 'employer' : undefined;
  const courseId = tag;
  const operations = Object.fromEntries(operationKinds.map((kind) => [kind, 0])) as Record<OperationKind, number>;
  const failures: string[] = [];
  let requests = 0;
  let retried = 0;
  let invariantChecks = 0;
  let lost = 0;
  let doubled = 0;
  let slowestAnswerMs = 0;
  let keyCounter = 0;
  let step = 0;
  const answered: Array<{ request: Request; response: FuzzResponse }> = [];

  interface Request {
    readonly method: string;
    readonly path: string;
    readonly client: Parameters<FuzzTarget['token']>[0] | { citizen: number };
    readonly body?: unknown;
    readonly idempotencyKey?: string;
  }

  const fail = (message: string): void => {
    failures.push(`seed ${options.seed}, step ${step}: ${message}`);
  };

  /** Sends a request until it gets an answer that is not a 5xx, checking every answer on the way. */
  async function send(request: Request): Promise<FuzzResponse> {
    const token =
      typeof request.client === 'string'
        ? await target.token(request.client)
        : await target.citizenToken(bsns[request.client.citizen] as string);
    for (let attempt = 1; attempt <= attemptsMax; attempt += 1) {
      requests += 1;
      const started = performance.now();
      const crashesBefore = injector.counts().injected.crash;
      const response = await target.api(request.method, request.path, {
        token,
        ...(request.body !== undefined && { body: request.body }),
        ...(request.idempotencyKey !== undefined && { idempotencyKey: request.idempotencyKey }),
      });
      const tookMs = performance.now() - started;
      slowestAnswerMs = Math.max(slowestAnswerMs, tookMs);
      if (tookMs > answerBoundMs) fail(`${request.method} ${request.path} took ${Math.round(tookMs)} ms`);
      if (response.status < 500) return response;
      retried += 1;
      // A 500 is what a crash of the function looks like; without one it is a bug the faults found.
      if (response.status === 500 && injector.counts().injected.crash === crashesBefore) {
        fail(`${request.method} ${request.path} answered 500 without an injected crash: ${response.text}`);
      }
      checkServerProblem(response, request);
      await sleep(10);
    }
    throw new HistoryFailed(`seed ${options.seed}, step ${step}: ${request.path} still failed after ${attemptsMax}`);
  }

  /** A 5xx must still be a problem document that says nothing internal, and a 503 says when to retry. */
  function checkServerProblem(response: FuzzResponse, request: Request): void {
    const where = `${request.method} ${request.path} answered ${response.status}`;
    if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')) {
      fail(`${where} without problem+json: ${response.text.slice(0, 200)}`);
    }
    if (/injected|Exception|stack|at \w+ \(/.test(response.text)) fail(`${where} showing internals: ${response.text}`);
    if (response.status === 503 && response.headers.get('retry-after') === null) fail(`${where} without Retry-After`);
  }

  const key = (kind: string): string => {
    keyCounter += 1;
    return `${tag}-${kind}-${keyCounter}`;
  };

  /** Sends a request that has a definite answer from now on, and may replay it later. */
  async function definite(request: Request): Promise<FuzzResponse> {
    const response = await send(request);
    if (request.idempotencyKey !== undefined && response.status < 300) answered.push({ request, response });
    return response;
  }

  function expectStatus(response: FuzzResponse, statuses: readonly number[], what: string): boolean {
    if (statuses.includes(response.status)) return true;
    fail(`${what}: expected ${statuses.join(' or ')}, got ${response.status} ${response.text.slice(0, 300)}`);
    return false;
  }

  // The world of this history: two schemes of its own, a course to claim.
  async function setUp(): Promise<void> {
    const created = [
      await send({
        method: 'POST',
        path: '/v1/schemes',
        client: 'funder-rijk',
        body: { schemeId: schemeIds.public, label: `Fuzz ${tag} publiek` },
      }),
      await send({
        method: 'POST',
        path: '/v1/schemes',
        client: 'employer-demo',
        body: { schemeId: schemeIds.employer, label: `Fuzz ${tag} werkgever`, revocable: true },
      }),
      await send({
        method: 'POST',
        path: '/v1/courses',
        client: 'provider-demo',
        body: { courseId, title: `Fuzz cursus ${tag}`, category: 'techniek', price: 200_000 },
      }),
    ];
    // A create whose first reply was lost answers "exists" to its retry: that, too, is done.
    for (const response of created) {
      if (response.status !== 201 && response.status !== 409) throw new HistoryFailed(`set-up: ${response.text}`);
    }
  }

  async function deposit(): Promise<number[]> {
    const person = between(0, personCount - 1);
    const scheme: SchemeKind = random() < 0.6 ? 'public' : 'employer';
    const amount = between(1, 60) * 500;
    const response = await definite({
      method: 'POST',
      path: '/v1/deposits',
      client: scheme === 'public' ? 'funder-rijk' : 'employer-demo',
      body: { bsn: bsns[person], schemeId: schemeIds[scheme], amount },
      idempotencyKey: key('deposit'),
    });
    if (model.depositAllowed(person, scheme)) {
      if (expectStatus(response, [201], 'deposit')) model.deposit(person, scheme, amount);
    } else {
      expectStatus(response, [422], 'deposit for someone not employed');
    }
    return [person];
  }

  async function batch(): Promise<number[]> {
    const scheme: SchemeKind = random() < 0.5 ? 'public' : 'employer';
    const rows = Array.from({ length: between(1, 6) }, () => ({
      person: between(0, personCount - 1),
      amount: between(1, 40) * 250,
    }));
    const response = await definite({
      method: 'POST',
      path: '/v1/deposit-batches',
      client: scheme === 'public' ? 'funder-rijk' : 'employer-demo',
      body: { rows: rows.map((row) => ({ bsn: bsns[row.person], schemeId: schemeIds[scheme], amount: row.amount })) },
      idempotencyKey: key('batch'),
    });
    if (!expectStatus(response, [202], 'batch')) return [];
    const batchId = (response.body as { batchId: string }).batchId;
    const started = Date.now();
    let view: { status: string; errors: Array<{ row: number }> } | undefined;
    while (Date.now() - started < batchWaitMs) {
      await target.batchQueueIdle();
      const read = await send({
        method: 'GET',
        path: `/v1/deposit-batches/${batchId}?limit=100`,
        client: clientOf(scheme),
      });
      view = read.body as typeof view;
      if (view?.status === 'done') break;
      await sleep(100);
    }
    if (view?.status !== 'done') {
      fail(`batch ${batchId} not done after ${batchWaitMs / 1000} s: ${JSON.stringify(view)}`);
      return [];
    }
    const refused = new Set(view.errors.map((error) => error.row));
    rows.forEach((row, index) => {
      const allowed = model.depositAllowed(row.person, scheme);
      if (allowed && !refused.has(index + 1)) model.deposit(row.person, scheme, row.amount);
      else if (allowed || !refused.has(index + 1))
        fail(`batch row ${index + 1}: allowed ${allowed}, refused ${!allowed}`);
    });
    return [...new Set(rows.map((row) => row.person))];
  }

  const clientOf = (scheme: SchemeKind): 'funder-rijk' | 'employer-demo' =>
    scheme === 'public' ? 'funder-rijk' : 'employer-demo';

  async function register(): Promise<number[]> {
    const person = between(0, personCount - 1);
    if (model.persons[person]?.employed !== 'never') return [];
    const response = await send({
      method: 'POST',
      path: '/v1/employees',
      client: 'employer-demo',
      body: { bsn: bsns[person], startDate: '2024-01-01' },
    });
    // 200 is the answer to a registration that a lost reply made the client send twice.
    if (expectStatus(response, [200, 201], 'register'))
      (model.persons[person] as { employed: string }).employed = 'employed';
    return [person];
  }

  async function end(): Promise<number[]> {
    const person = between(0, personCount - 1);
    const employed = model.persons[person]?.employed === 'employed';
    const response = await definite({
      method: 'POST',
      path: '/v1/employees/end',
      client: 'employer-demo',
      body: { bsn: bsns[person], endDate: today },
      idempotencyKey: key('end'),
    });
    if (!employed) {
      expectStatus(response, [422], 'end of an employment that is not there');
      return [person];
    }
    if (!expectStatus(response, [200], 'end')) return [person];
    const expected = model.endEmployment(person);
    const returned = (response.body as { returned: number }).returned;
    if (returned !== expected)
      record(returned < expected ? 'doubled' : 'lost', `end returned ${returned}, expected ${expected}`);
    return [person];
  }

  async function claim(): Promise<number[]> {
    const person = between(0, personCount - 1);
    const amount = between(1, 80) * 500;
    const response = await definite({
      method: 'POST',
      path: '/v1/claims',
      client: 'provider-demo',
      body: { bsn: bsns[person], courseId, amount, startDate: claimStart },
      idempotencyKey: key('claim'),
    });
    if (expectStatus(response, [201], 'claim')) {
      const claimId = (response.body as { claimId: string }).claimId;
      model.claims.push({ claimId, person, amount, state: 'pending', parts: [], captured: 0 });
    }
    return [person];
  }

  async function approve(): Promise<number[]> {
    const pending = model.claims.filter((candidate) => candidate.state === 'pending');
    if (pending.length === 0) return [];
    const chosen = pick(pending);
    const { available } = model.persons[chosen.person] as { available: Record<SchemeKind, number> };
    const spendable = model.spendable(chosen.person);
    let ownSplit: Array<{ scheme: SchemeKind; amount: number }> | undefined;
    if (random() < 0.3 && spendable > 0) {
      let left = chosen.amount;
      ownSplit = [];
      for (const scheme of ['employer', 'public'] as const) {
        const most = Math.min(available[scheme], left);
        if (most <= 0) continue;
        const amount = between(1, most);
        ownSplit.push({ scheme, amount });
        left -= amount;
      }
    }
    const response = await definite({
      method: 'POST',
      path: `/v1/me/claims/${chosen.claimId}/approve`,
      client: { citizen: chosen.person },
      ...(ownSplit !== undefined && {
        body: { parts: ownSplit.map((part) => ({ schemeId: schemeIds[part.scheme], amount: part.amount })) },
      }),
      idempotencyKey: key('approve'),
    });
    if (spendable === 0) {
      expectStatus(response, [409, 422], 'approval with nothing to spend');
      return [chosen.person];
    }
    if (!expectStatus(response, [200], 'approve')) return [chosen.person];
    const heldParts = (response.body as { parts?: Array<{ schemeId: string; amount: number }> }).parts ?? [];
    const parts = heldParts.map((part) => ({ scheme: schemeOf(part.schemeId) as SchemeKind, amount: part.amount }));
    const held = parts.reduce((sum, part) => sum + part.amount, 0);
    const expectedHeld = ownSplit?.reduce((sum, part) => sum + part.amount, 0) ?? Math.min(chosen.amount, spendable);
    if (
      held !== expectedHeld ||
      parts.some((part) => part.scheme === undefined || part.amount > available[part.scheme])
    ) {
      fail(`approve held ${JSON.stringify(heldParts)}, expected ${expectedHeld} of ${JSON.stringify(available)}`);
      return [chosen.person];
    }
    model.approve(chosen, parts);
    return [chosen.person];
  }

  async function capture(): Promise<number[]> {
    const approved = model.claims.filter((candidate) => candidate.state === 'approved');
    if (approved.length === 0) return [];
    const chosen = pick(approved);
    const held = chosen.parts.reduce((sum, part) => sum + part.amount, 0);
    const amount = random() < 0.5 ? held : between(1, held);
    const response = await definite({
      method: 'POST',
      path: `/v1/claims/${chosen.claimId}/capture`,
      client: 'provider-demo',
      body: { amount, evidence },
      idempotencyKey: key('capture'),
    });
    if (expectStatus(response, [200], 'capture')) model.capture(chosen, amount);
    return [chosen.person];
  }

  async function cancel(): Promise<number[]> {
    const open = model.claims.filter((candidate) => candidate.state === 'pending' || candidate.state === 'approved');
    if (open.length === 0) return [];
    const chosen = pick(open);
    const response = await definite({
      method: 'POST',
      path: `/v1/claims/${chosen.claimId}/cancel`,
      client: 'provider-demo',
      idempotencyKey: key('cancel'),
    });
    if (expectStatus(response, [200], 'cancel')) model.release(chosen, 'cancelled');
    return [chosen.person];
  }

  async function payouts(): Promise<number[]> {
    if (!model.claims.some((candidate) => candidate.state === 'captured')) return [];
    for (let run = 1; ; run += 1) {
      const summary = await target.runJob('payouts').catch((error: unknown) => error as Error);
      if (!(summary instanceof Error) && summary.failed === 0) break;
      if (run >= attemptsMax) {
        fail(`payouts still failing after ${run} runs: ${String(summary instanceof Error ? summary.message : '')}`);
        return [];
      }
    }
    model.payAll();
    return [];
  }

  /**
   * The expiry jobs, run as if a year and a month had passed: every claim still awaiting approval
   * expires, and every approved one is released (its capture deadline is 180 days after its start).
   * Run until a run finds nothing more to do, as the schedule would.
   */
  async function expire(): Promise<number[]> {
    const later = new Date(Date.now() + 400 * 24 * 60 * 60 * 1000);
    for (const name of ['expire-stale-claims', 'release-expired-reservations'] as const) {
      for (let run = 1; ; run += 1) {
        const summary = await target.runExpiryJobAt(name, later).catch((error: unknown) => error as Error);
        if (!(summary instanceof Error) && summary.failed === 0 && summary.processed === 0) break;
        if (run >= attemptsMax) {
          fail(`${name} still failing after ${run} runs: ${summary instanceof Error ? summary.message : ''}`);
          return [];
        }
      }
    }
    const touched = new Set<number>();
    for (const modelClaim of model.claims) {
      if (modelClaim.state !== 'pending' && modelClaim.state !== 'approved') continue;
      model.release(modelClaim, 'expired');
      touched.add(modelClaim.person);
    }
    return [...touched];
  }

  /** Sends an earlier request again, with its key: the answer must be the first one, byte for byte. */
  async function replay(): Promise<number[]> {
    if (answered.length === 0) return [];
    const earlier = pick(answered);
    const again = await send(earlier.request);
    if (again.status !== earlier.response.status || again.text !== earlier.response.text) {
      fail(`replay of ${earlier.request.path} answered ${again.status} ${again.text}, first ${earlier.response.text}`);
    }
    return [];
  }

  function record(kind: 'lost' | 'doubled', message: string): void {
    if (kind === 'lost') lost += 1;
    else doubled += 1;
    fail(`${kind}: ${message}`);
  }

  /** With faults off: every person's pots and every claim as the model holds them. */
  async function check(persons: readonly number[], everything: boolean): Promise<void> {
    injectFaults(undefined);
    for (const person of everything ? bsns.map((_, index) => index) : persons) {
      invariantChecks += 1;
      const response = await send({ method: 'GET', path: '/v1/me/account', client: { citizen: person } });
      const pots = (response.body as { pots: Array<{ schemeId: string; available: number; reserved: number }> }).pots;
      const actual = { available: { public: 0, employer: 0 }, reserved: { public: 0, employer: 0 } };
      for (const pot of pots) {
        const scheme = schemeOf(pot.schemeId);
        if (scheme === undefined) continue;
        actual.available[scheme] += pot.available;
        actual.reserved[scheme] += pot.reserved;
      }
      const expected = { available: { ...model.persons[person]?.available }, reserved: model.reserved(person) };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const sum = (holding: typeof actual) =>
          holding.available.public + holding.available.employer + holding.reserved.public + holding.reserved.employer;
        const difference = sum(actual) - sum(expected as typeof actual);
        const message = `person ${person} holds ${JSON.stringify(actual)}, the model ${JSON.stringify(expected)}`;
        if (difference < 0) record('lost', message);
        else if (difference > 0) record('doubled', message);
        else fail(message);
      }
    }
    const claims = everything ? model.claims : model.claims.filter((candidate) => persons.includes(candidate.person));
    for (const modelClaim of claims) {
      invariantChecks += 1;
      const response = await send({ method: 'GET', path: `/v1/claims/${modelClaim.claimId}`, client: 'provider-demo' });
      const status = (response.body as { status: string }).status;
      if (status !== statusOf(modelClaim.state))
        fail(`claim ${modelClaim.claimId} is ${status}, the model ${modelClaim.state}`);
    }
    if (everything) {
      invariantChecks += 1;
      const response = await send({ method: 'GET', path: '/v1/admin/reconciliation', client: 'auditor-demo' });
      const reconciliation = response.body as { balanced: boolean; sum: number; mismatchedAccounts?: unknown[] };
      if (!reconciliation.balanced || reconciliation.sum !== 0) fail(`reconciliation: ${response.text}`);
    }
    injectFaults(injector);
  }

  const run: Record<Exclude<OperationKind, 'replay'>, () => Promise<number[]>> & { replay: () => Promise<number[]> } = {
    deposit,
    batch,
    register,
    end,
    claim,
    approve,
    capture,
    cancel,
    payouts,
    expire,
    replay,
  };
  const weights: Record<OperationKind, number> = {
    deposit: 6,
    batch: 2,
    register: 2,
    end: 1,
    claim: 4,
    approve: 4,
    capture: 3,
    cancel: 2,
    payouts: 1,
    expire: 1,
    replay: 2,
  };
  const weighted = operationKinds.flatMap((kind) => Array.from({ length: weights[kind] }, () => kind));

  try {
    injectFaults(injector);
    await setUp();
    for (step = 1; step <= options.operations && failures.length === 0; step += 1) {
      const kind = pick(weighted);
      operations[kind] += 1;
      const touched = await run[kind]();
      await check(touched, step % 10 === 0 || step === options.operations);
    }
  } catch (error) {
    if (!(error instanceof HistoryFailed)) throw error;
    failures.push(error.message);
  } finally {
    injectFaults(undefined);
  }
  return {
    seed: options.seed,
    operations,
    faults: injector.counts().injected,
    requests,
    retried,
    centsMoved: model.centsMoved,
    lost,
    doubled,
    invariantChecks,
    slowestAnswerMs: Math.round(slowestAnswerMs),
    failures,
  };
}

class HistoryFailed extends Error {}

function statusOf(state: ClaimState): string {
  return state === 'pending' ? 'awaiting_approval' : state;
}

/** The first valid BSN of a block of a hundred numbers (each holds about nine); blocks never overlap. */
function bsnOf(block: number): string {
  if (block < 0 || block >= 8_000_000) throw new Error(`bsnOf: block ${block} is out of range`);
  for (let candidate = 100_000_000 + block * 100; candidate < 100_000_000 + (block + 1) * 100; candidate += 1) {
    if (isValidBsn(String(candidate))) return String(candidate);
  }
  throw new Error(`bsnOf: no valid BSN in block ${block}`);
}

/** Adds up reports of several histories. */
export function mergeReports(reports: readonly HistoryReport[]): Omit<HistoryReport, 'seed'> & { histories: number } {
  const sum = <K extends string>(pickRecord: (report: HistoryReport) => Record<K, number>, keys: readonly K[]) =>
    Object.fromEntries(
      keys.map((kind) => [kind, reports.reduce((total, report) => total + pickRecord(report)[kind], 0)]),
    ) as Record<K, number>;
  const total = (field: 'requests' | 'retried' | 'centsMoved' | 'lost' | 'doubled' | 'invariantChecks') =>
    reports.reduce((sum, report) => sum + report[field], 0);
  return {
    histories: reports.length,
    operations: sum((report) => report.operations, operationKinds),
    faults: sum((report) => report.faults, faultKinds),
    requests: total('requests'),
    retried: total('retried'),
    centsMoved: total('centsMoved'),
    lost: total('lost'),
    doubled: total('doubled'),
    invariantChecks: total('invariantChecks'),
    slowestAnswerMs: Math.max(0, ...reports.map((report) => report.slowestAnswerMs)),
    failures: reports.flatMap((report) => report.failures),
  };
}

/** The report's last line, which `npm run fuzz` ends with. */
export function summaryLine(report: ReturnType<typeof mergeReports>): string {
  const operations = Object.values(report.operations).reduce((sum, count) => sum + count, 0);
  const faults = Object.values(report.faults).reduce((sum, count) => sum + count, 0);
  return (
    `fuzz: ${operations} operations, ${faults} faults, ${report.faults.crash} crashes, ` +
    `lost ${report.lost}, doubled ${report.doubled}`
  );
}
