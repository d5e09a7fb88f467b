import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { type LocalSystem, startLocalSystem } from '../../infra/local/start.ts';
import { businessTokens } from '../support/business-token.ts';
import { citizenLogin } from '../support/citizen-login.ts';
import { validBsn } from '../support/local-system.ts';

/**
 * A database that stops answering: DynamoDB Local frozen with SIGSTOP for several seconds in the
 * middle of a burst of deposits, then let go. While it is frozen every request gets an answer in
 * bounded time (a 503 with Retry-After when its work could not be done, never a hang or a 500);
 * afterwards every request, retried with its key, has taken effect exactly once.
 *
 * This file runs its own DynamoDB Local, since freezing the shared one would stall every other file.
 */

let database: DynamoDbLocal;
let system: LocalSystem;
let token: (clientId: string) => Promise<string>;

beforeAll(async () => {
  database = await startDynamoDbLocal({});
  system = await startLocalSystem({ port: 0, dynamoEndpoint: database.endpoint, tableName: `frozen-${randomUUID()}` });
  token = businessTokens(system.issuer);
});

afterAll(async () => {
  if (database?.pid !== undefined) process.kill(database.pid, 'SIGCONT');
  await system?.stop();
  await database?.stop();
});

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly retryAfter: string | null;
  readonly contentType: string;
  readonly tookMs: number;
}

async function deposit(bsn: string, amount: number, idempotencyKey: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${system.origin}/v1/deposits`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await token('funder-rijk')}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify({ bsn, schemeId: 'ontwikkelbudget', amount }),
  });
  return {
    status: response.status,
    text: await response.text(),
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type') ?? '',
    tookMs: performance.now() - started,
  };
}

/** The bound on any one answer: a handler gives up a second before its 10 s, plus the local server. */
const answerBoundMs = 12_000;
const freezeMs = 12_000;

describe('DynamoDB Local frozen (SIGSTOP) during a burst of deposits', () => {
  it('answers every request in bounded time while frozen, and after, each deposit is there exactly once', async () => {
    const pid = database.pid;
    if (pid === undefined) throw new Error('DynamoDB Local has no pid');
    const bsn = validBsn(9_100);
    // Warm: a token, the authorizer's registry read, the scheme read, and one deposit that works.
    const warm = await deposit(bsn, 100, randomUUID());
    expect(warm.status, warm.text).toBe(201);
    const requests = Array.from({ length: 24 }, (_, index) => ({ amount: 1_000 + index, key: randomUUID() }));

    // The burst: a request every 250 ms; the database freezes after the fourth and thaws 12 s later,
    // longer than a handler waits for it.
    const answers: Array<Promise<Answer>> = [];
    let thawed: Promise<void> | undefined;
    for (const [index, request] of requests.entries()) {
      answers.push(deposit(bsn, request.amount, request.key));
      if (index === 3) {
        process.kill(pid, 'SIGSTOP');
        thawed = sleep(freezeMs).then(() => {
          process.kill(pid, 'SIGCONT');
        });
      }
      await sleep(250);
    }
    const first = await Promise.all(answers);
    await thawed;

    for (const answer of first) {
      expect(answer.tookMs, answer.text).toBeLessThan(answerBoundMs);
      expect([201, 503], answer.text).toContain(answer.status);
      if (answer.status === 503) {
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(answer.retryAfter).toBe('2');
        expect(JSON.parse(answer.text)).toMatchObject({ status: 503, code: 'service_unavailable' });
      }
    }
    // The freeze was felt: some requests could not be done while it lasted.
    expect(first.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);

    // Every request again with its key, until it is done: the first 201 replays, the rest take effect once.
    for (const [index, request] of requests.entries()) {
      let answer = await deposit(bsn, request.amount, request.key);
      for (let attempt = 1; answer.status === 503 && attempt < 10; attempt += 1) {
        await sleep(500);
        answer = await deposit(bsn, request.amount, request.key);
      }
      expect(answer.status, answer.text).toBe(201);
      const before = first[index] as Answer;
      if (before.status === 201) expect(answer.text).toBe(before.text);
    }

    const citizen = await citizenLogin({ issuer: system.issuer, redirectUri: `${system.origin}/auth/callback`, bsn });
    const account = await fetch(`${system.origin}/v1/me/account`, {
      headers: { authorization: `Bearer ${citizen.access_token}` },
    }).then((response) => response.json() as Promise<{ totals: { available: number } }>);
    const expected = 100 + requests.reduce((sum, request) => sum + request.amount, 0);
    expect(account.totals.available).toBe(expected);

    const reconciliation = await fetch(`${system.origin}/v1/admin/reconciliation`, {
      headers: { authorization: `Bearer ${await token('auditor-demo')}` },
    }).then((response) => response.json() as Promise<{ balanced: boolean; sum: number }>);
    expect(reconciliation).toMatchObject({ balanced: true, sum: 0 });
  });
});
