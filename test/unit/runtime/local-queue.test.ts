import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '../../../infra/local/local-queue.ts';
import { type BatchMessage, parseBatchMessage } from '../../../shared/application/batch-queue.ts';

/** The in-process stand-in for SQS: the semantics the batch worker relies on. */

const message = (chunk: number): BatchMessage => ({ kind: 'chunk', batchId: 'bat_test', chunk });

function bodies(events: readonly SQSEvent[]): BatchMessage[] {
  return events.flatMap((event) => event.Records.map((record) => JSON.parse(record.body) as BatchMessage));
}

describe('LocalQueue', () => {
  it('delivers every message and deletes the ones handled', async () => {
    const seen: SQSEvent[] = [];
    const queue = new LocalQueue({
      consumer: async (event) => {
        seen.push(event);
        return { batchItemFailures: [] };
      },
      visibilityTimeoutMs: 1_000,
      concurrency: 2,
      maxReceiveCount: 3,
    });
    await queue.send([message(0), message(1), message(2)]);
    await queue.idle();
    expect(bodies(seen)).toEqual(expect.arrayContaining([message(0), message(1), message(2)]));
    expect(seen).toHaveLength(3);
    expect(queue.depth).toBe(0);
  });

  it('delivers a failed message again after its visibility timeout, then sets it aside', async () => {
    const seen: Array<{ at: number; receiveCount: string | undefined }> = [];
    const deadLetters: BatchMessage[] = [];
    const queue = new LocalQueue({
      consumer: async (event) => {
        const record = event.Records[0];
        seen.push({ at: Date.now(), receiveCount: record?.attributes.ApproximateReceiveCount });
        // Reported as a partial batch failure, as the worker does.
        return { batchItemFailures: [{ itemIdentifier: record?.messageId ?? '' }] };
      },
      visibilityTimeoutMs: 50,
      concurrency: 1,
      maxReceiveCount: 3,
      onDeadLetter: (dead) => deadLetters.push(dead),
    });
    await queue.send([message(7)]);
    await queue.idle();
    expect(seen.map((delivery) => delivery.receiveCount)).toEqual(['1', '2', '3']);
    for (let index = 1; index < seen.length; index += 1) {
      expect((seen[index]?.at ?? 0) - (seen[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(45);
    }
    expect(deadLetters).toEqual([message(7)]);
    expect(queue.deadLettered).toEqual([message(7)]);
  });

  it('delivers a message again when its consumer throws, as after a crash', async () => {
    let calls = 0;
    const queue = new LocalQueue({
      consumer: async () => {
        calls += 1;
        if (calls === 1) throw new Error('killed');
        return { batchItemFailures: [] };
      },
      visibilityTimeoutMs: 20,
      concurrency: 1,
      maxReceiveCount: 5,
    });
    await queue.send([message(1)]);
    await queue.idle();
    expect(calls).toBe(2);
    expect(queue.deadLettered).toEqual([]);
  });

  it('hands out a message again while a slow delivery outlives its visibility timeout (at least once)', async () => {
    let calls = 0;
    const queue = new LocalQueue({
      consumer: async () => {
        calls += 1;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 120));
        return { batchItemFailures: [] };
      },
      visibilityTimeoutMs: 30,
      concurrency: 2,
      maxReceiveCount: 5,
    });
    await queue.send([message(1)]);
    await queue.idle();
    expect(calls).toBe(2);
  });

  it('sets a message aside after its last delivery even while that delivery is still running', async () => {
    let calls = 0;
    const queue = new LocalQueue({
      consumer: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { batchItemFailures: [{ itemIdentifier: 'none' }] };
      },
      visibilityTimeoutMs: 20,
      concurrency: 4,
      maxReceiveCount: 2,
    });
    await queue.send([message(3)]);
    await queue.idle();
    expect(calls).toBe(2);
    expect(queue.deadLettered).toEqual([message(3)]);
  });

  it('keeps at most `concurrency` messages in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const queue = new LocalQueue({
      consumer: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return { batchItemFailures: [] };
      },
      visibilityTimeoutMs: 1_000,
      concurrency: 3,
      maxReceiveCount: 2,
    });
    await queue.send(Array.from({ length: 20 }, (_, index) => message(index)));
    await queue.idle();
    expect(most).toBe(3);
  });
});

describe('parseBatchMessage', () => {
  it('reads our messages and nothing else', () => {
    expect(parseBatchMessage('{"kind":"start","batchId":"bat_x"}')).toEqual({ kind: 'start', batchId: 'bat_x' });
    expect(parseBatchMessage('{"kind":"chunk","batchId":"bat_x","chunk":3}')).toEqual({
      kind: 'chunk',
      batchId: 'bat_x',
      chunk: 3,
    });
    for (const body of [
      'not json',
      'null',
      '{"kind":"chunk","batchId":"bat_x","chunk":-1}',
      '{"kind":"chunk","batchId":"bat_x","chunk":1.5}',
      '{"kind":"stop","batchId":"bat_x"}',
      '{"kind":"start","batchId":"../x"}',
    ]) {
      expect(parseBatchMessage(body)).toBeUndefined();
    }
  });
});
