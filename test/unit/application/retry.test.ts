import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Attempt, backoff, done, lost, retryWhileLost } from '../../../shared/application/retry.ts';
import { limits } from '../../../shared/ledger/limits.ts';

const noWait = async () => {};

describe('retryWhileLost', () => {
  it('answers the first attempt that is done, without trying again', async () => {
    const attempts: number[] = [];
    const answer = await retryWhileLost(
      async (attempt): Promise<Attempt<string, string>> => {
        attempts.push(attempt);
        return attempt < 3 ? lost(`lost ${attempt}`) : done(`done ${attempt}`);
      },
      (lastLoss) => `gave up after ${lastLoss}`,
      { wait: noWait },
    );
    expect(answer).toBe('done 3');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after transactionAttemptsMax lost attempts and answers from the last loss', async () => {
    let attempts = 0;
    const answer = await retryWhileLost(
      async (attempt): Promise<Attempt<string, string>> => {
        attempts += 1;
        return lost(`loss ${attempt}`);
      },
      (lastLoss) => `gave up after ${lastLoss}`,
      { wait: noWait },
    );
    expect(attempts).toBe(limits.transactionAttemptsMax);
    expect(answer).toBe(`gave up after loss ${limits.transactionAttemptsMax}`);
  });

  it('waits between attempts, not after the last one', async () => {
    const waits: number[] = [];
    await retryWhileLost(
      async (): Promise<Attempt<never, string>> => lost('again'),
      () => 'gave up',
      { attemptsMax: 4, wait: async (attempt) => void waits.push(attempt) },
    );
    expect(waits).toEqual([1, 2, 3]);
  });

  it('does not retry an error: it is a bug or an outage, not a lost race', async () => {
    let attempts = 0;
    await expect(
      retryWhileLost(
        async () => {
          attempts += 1;
          throw new Error('outage');
        },
        () => 'gave up',
        { wait: noWait },
      ),
    ).rejects.toThrow('outage');
    expect(attempts).toBe(1);
  });

  it('refuses a limit below one attempt', async () => {
    await expect(
      retryWhileLost(
        async () => lost('x'),
        () => 'gave up',
        { attemptsMax: 0 },
      ),
    ).rejects.toThrow(/at least 1/);
  });
});

describe('backoff', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each([
    [1, 20],
    [3, 80],
    [30, 1_000],
  ])('after attempt %i waits at most %i ms (jitter at its highest)', async (attempt, millisecondsMax) => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    let waited = false;
    const wait = backoff(attempt).then(() => {
      waited = true;
    });
    await vi.advanceTimersByTimeAsync(millisecondsMax * 0.9);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(millisecondsMax * 0.1 + 1);
    await wait;
    expect(waited).toBe(true);
  });
});
