import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setWorkerHooks } from '../../functions/deposit-batch-worker/handler.ts';
import { localPersonIdSecret } from '../../infra/local/demo-world.ts';
import type { BatchMessage } from '../../shared/application/batch-queue.ts';
import {
  acceptDepositBatch,
  payDepositBatchChunk,
  startDepositBatch,
} from '../../shared/application/deposit-batches.ts';
import { personIdFromBsn } from '../../shared/identity/person-id.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { startTestSystem, type TestSystem, validBsn } from '../support/local-system.ts';

/**
 * A deposit batch when things go wrong: a worker that dies halfway through a chunk, and the whole
 * local runtime stopped in the middle of a batch and started again on the same data. Every row
 * must be paid exactly once, and the batch must finish by itself.
 */

let system: TestSystem;
/** The system's table, read directly (the restart test starts a new system on the same table). */
let tableClient: ReturnType<typeof dynamoClient>;
let table: DynamoLedgerStore;

beforeAll(async () => {
  // A short visibility timeout, so a message whose worker died comes back within the test.
  system = await startTestSystem({ batchVisibilityTimeoutMs: 1_000 });
  tableClient = dynamoClient(system.dynamoEndpoint);
  table = new DynamoLedgerStore({ client: tableClient, tableName: system.tableName });
});

afterAll(async () => {
  setWorkerHooks({});
  tableClient?.destroy();
  await system?.stop();
});

afterEach(() => setWorkerHooks({}));

async function givenScheme(schemeId: string): Promise<void> {
  const response = await system.api('POST', '/v1/schemes', {
    token: await system.token('funder-rijk'),
    body: { schemeId, label: schemeId, expiresAfterMonths: 24 },
  });
  expect(response.status, response.text).toBe(201);
}

async function send(rows: ReadonlyArray<{ bsn: string; schemeId: string; amount: number }>): Promise<string> {
  const response = await system.api<{ batchId: string }>('POST', '/v1/deposit-batches', {
    token: await system.token('funder-rijk'),
    body: { rows },
    idempotencyKey: randomUUID(),
  });
  expect(response.status, response.text).toBe(202);
  return response.body.batchId;
}

async function batch(
  batchId: string,
): Promise<{ status: string; processed: number; succeeded: number; failed: number }> {
  const token = await system.token('funder-rijk');
  let response = await system.api('GET', `/v1/deposit-batches/${batchId}`, { token });
  // A 503 says the database was too busy to answer within the handler's deadline, which a loaded CI
  // machine with the worker's transactions queued in DynamoDB Local has shown; a client asks again.
  for (let attempt = 1; response.status === 503 && attempt < 5; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    response = await system.api('GET', `/v1/deposit-batches/${batchId}`, { token });
  }
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/**
 * What a person has in one scheme, read from the table: a citizen login per person (a full code + PKCE
 * flow) would make the test's time depend on the identity provider, on a loaded machine by seconds each.
 */
async function availableIn(bsn: string, schemeId: string): Promise<number> {
  const pots = await table.listPots(personIdFromBsn(bsn, localPersonIdSecret));
  return pots.filter((pot) => pot.schemeId === schemeId).reduce((sum, pot) => sum + pot.availableCents, 0);
}

describe('a worker that dies mid-chunk', () => {
  it('is redelivered and pays the rows it wrote before it died exactly once', async () => {
    const schemeId = 'crash-chunk';
    await givenScheme(schemeId);
    const persons = Array.from({ length: 40 }, (_, index) => validBsn(9_700 + index));
    // 120 rows, 3 per person: several groups of rows in the one chunk.
    const rows = persons.flatMap((bsn) => [1, 2, 3].map((amount) => ({ bsn, schemeId, amount: amount * 100 })));
    let crashes = 0;
    setWorkerHooks({
      afterGroup: (_batchId, chunk, group) => {
        if (chunk === 0 && group === 0 && crashes === 0) {
          crashes += 1;
          throw new Error('killed after the first group');
        }
      },
    });
    const batchId = await send(rows);
    await system.batchQueue.idle();
    expect(crashes).toBe(1);
    expect(await batch(batchId)).toMatchObject({ status: 'done', processed: 120, succeeded: 120, failed: 0 });
    for (const bsn of persons) expect(await availableIn(bsn, schemeId)).toBe(600);
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  });

  it('sets a message aside after its last delivery and keeps the ledger balanced', async () => {
    const schemeId = 'crash-always';
    await givenScheme(schemeId);
    setWorkerHooks({
      afterGroup: () => {
        throw new Error('always killed');
      },
    });
    const batchId = await send([{ bsn: validBsn(9_760), schemeId, amount: 100 }]);
    await system.batchQueue.idle();
    expect(system.batchQueue.deadLettered).toContainEqual({ kind: 'chunk', batchId, chunk: 0 });
    // The row was written before each crash, once; the batch waits for a person (or the resume job) to look.
    expect(await availableIn(validBsn(9_760), schemeId)).toBe(100);
    expect((await batch(batchId)).status).toBe('processing');
    expect(await system.reconcile()).toMatchObject({ balanced: true, sum: 0 });
    // Sent again, the chunk finishes without paying twice.
    setWorkerHooks({});
    await system.batchQueue.send([{ kind: 'start', batchId }]);
    await system.batchQueue.idle();
    expect(await batch(batchId)).toMatchObject({ status: 'done', succeeded: 1 });
    expect(await availableIn(validBsn(9_760), schemeId)).toBe(100);
  });
});

describe('two deliveries of one chunk while an employment ends and starts again', () => {
  it('let the first decision about a row stand: a row one refused is never paid by the other', async () => {
    const employer = { role: 'employer', clientId: 'employer-demo', orgId: '', orgName: '' } as const;
    const store = new DynamoLedgerStore({ client: dynamoClient(system.dynamoEndpoint), tableName: system.tableName });
    const token = await system.token('employer-demo');
    const schemeId = 'twice-employed';
    const scheme = await system.api('POST', '/v1/schemes', { token, body: { schemeId, label: schemeId } });
    expect(scheme.status, scheme.text).toBe(201);
    const bsn = validBsn(9_800);
    const hired = await system.api('POST', '/v1/employees', { token, body: { bsn, startDate: '2024-01-01' } });
    expect(hired.status, hired.text).toBe(201);
    const registry = await store.getClient('employer-demo');
    const principal = { ...employer, orgId: registry?.orgId ?? '', orgName: registry?.orgName ?? '' };

    // Driven by hand, on a queue that only collects: two workers get the same chunk.
    const sent: BatchMessage[] = [];
    const dependencies = {
      store,
      now: () => new Date(),
      randomInt: (n: number) => Math.floor(Math.random() * n),
      queue: { send: async (messages: readonly BatchMessage[]) => void sent.push(...messages) },
    };
    const accepted = await acceptDepositBatch({ ...dependencies, personIdSecret: localPersonIdSecret }, principal, {
      rows: [100, 200].map((amount, index) => ({
        row: index + 1,
        checked: { ok: true as const, value: { bsn, schemeId, amount } },
      })),
      content: `two rows for one employee ${randomUUID()}`,
      idempotencyKey: randomUUID(),
    });
    if (!accepted.ok) throw new Error(accepted.detail);
    const { batchId } = accepted.value.body as { batchId: string };
    await startDepositBatch(dependencies, batchId);

    // Worker B pays the first row (the rows of one person go in different groups), then stalls.
    let resumeB: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      resumeB = resolve;
    });
    let bPaidFirst: () => void = () => undefined;
    const firstPaid = new Promise<void>((resolve) => {
      bPaidFirst = resolve;
    });
    const workerB = payDepositBatchChunk(dependencies, batchId, 0, {
      afterGroup: async (_batch, _chunk, group) => {
        if (group !== 0) return;
        bPaidFirst();
        await stalled;
      },
    });
    await firstPaid;
    // The employment ends; worker A, a second delivery, refuses the second row and settles.
    const ended = await system.api('POST', '/v1/employees/end', {
      token,
      body: { bsn, endDate: dateOf(new Date()) },
      idempotencyKey: randomUUID(),
    });
    expect(ended.status, ended.text).toBe(200);
    await payDepositBatchChunk(dependencies, batchId, 0);
    expect((await store.getDepositBatch(batchId))?.settlement).toMatchObject({ succeeded: 1, failed: 1 });
    // The person is hired again, and worker B goes on with the second row.
    const rehired = await system.api('POST', '/v1/employees', { token, body: { bsn, startDate: dateOf(new Date()) } });
    expect(rehired.status, rehired.text).toBe(201);
    resumeB();
    await workerB;

    const pots = await store.listPots(personIdFromBsn(bsn, localPersonIdSecret));
    expect(pots.map((pot) => pot.availableCents)).toEqual([100]);
    expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });
});

describe('the local runtime stopped in the middle of a batch', () => {
  it('resumes the batch by itself when started again on the same data, paying every row once', async () => {
    const schemeId = 'restart-batch';
    await givenScheme(schemeId);
    const persons = Array.from({ length: 1_500 }, (_, index) => validBsn(10_000 + index));
    const batchId = await send(persons.map((bsn, index) => ({ bsn, schemeId, amount: 100 + (index % 7) })));
    // Stop once some of it is paid and some is not. Watched in the table: while the worker's transactions
    // queue in DynamoDB Local a GET of the batch can take the handler's whole 9 s on a loaded machine (503).
    const watcher = dynamoClient(system.dynamoEndpoint);
    const watched = new DynamoLedgerStore({ client: watcher, tableName: system.tableName });
    for (let polls = 0; polls < 400; polls += 1) {
      if ((await watched.listDepositBatchResults(batchId)).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    watcher.destroy();
    const { tableName } = system;
    await system.stop();

    system = await startTestSystem({ tableName, batchVisibilityTimeoutMs: 1_000 });
    // The restarted system's authorizer still trusts the first system's token issuer (it is set up once per
    // process, as in a Lambda container), so the result is read from the table itself.
    const store = new DynamoLedgerStore({ client: dynamoClient(system.dynamoEndpoint), tableName });
    // Correctness, not speed, is asserted: on a loaded machine the rest of 1,500 rows may take a while.
    let stored = await store.getDepositBatch(batchId);
    const deadline = Date.now() + 120_000;
    while (stored?.status !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await store.getDepositBatch(batchId);
    }
    const expected = persons.reduce((sum, _bsn, index) => sum + 100 + (index % 7), 0);
    expect(stored?.settlement).toMatchObject({ succeeded: 1_500, failed: 0, amountSucceededCents: expected });
    for (const index of [0, 1, 499, 750, 1_499]) {
      const pots = await store.listPots(personIdFromBsn(persons[index] as string, localPersonIdSecret));
      expect(pots.map((pot) => pot.availableCents)).toEqual([100 + (index % 7)]);
    }
    expect(await store.reconcile()).toMatchObject({ balanced: true, sum: 0 });
  }, 180_000);
});
