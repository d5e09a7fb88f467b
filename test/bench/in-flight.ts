import { performance } from 'node:perf_hooks';

/** One timed run: how long it took, and each task's latency. */
export interface RunSample {
  readonly count: number;
  readonly concurrencyInFlight: number;
  readonly elapsedMs: number;
  readonly latenciesMs: readonly number[];
}

/** What one or more runs of the same requests did, and how fast. */
export interface RunFigures {
  readonly count: number;
  readonly concurrencyInFlight: number;
  readonly elapsedMs: number;
  /** All tasks of all runs divided by the time of all runs. */
  readonly perSecond: number;
  /** Per run, in the order they ran, to show how much they differ. */
  readonly perSecondByRun: readonly number[];
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
}

/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrencyInFlight` started and not yet
 * finished, and measures the whole run and each task. Tasks are started in index order, so
 * tasks that run at the same time have neighbouring indexes (callers use that to keep them on
 * different items). The first failing task stops the run.
 */
export async function runInFlight(
  count: number,
  concurrencyInFlight: number,
  task: (index: number) => Promise<void>,
): Promise<RunSample> {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(`runInFlight: count must be a positive integer, got ${count}`);
  if (!Number.isSafeInteger(concurrencyInFlight) || concurrencyInFlight < 1) {
    throw new Error(`runInFlight: concurrency must be a positive integer, got ${concurrencyInFlight}`);
  }
  const latenciesMs: number[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    // Bounded by `count`: each pass takes a fresh index, and no index is taken twice.
    while (next < count) {
      const index = next;
      next += 1;
      const startMs = performance.now();
      await task(index);
      latenciesMs[index] = performance.now() - startMs;
    }
  };
  const startMs = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrencyInFlight, count) }, worker));
  return { count, concurrencyInFlight, elapsedMs: performance.now() - startMs, latenciesMs };
}

/** Figures over several runs of the same kind of request (all with the same concurrency). */
export function summarize(samples: readonly RunSample[]): RunFigures {
  const first = samples[0];
  if (first === undefined) throw new Error('summarize: no runs');
  const count = samples.reduce((sum, sample) => sum + sample.count, 0);
  const elapsedMs = samples.reduce((sum, sample) => sum + sample.elapsedMs, 0);
  const sorted = samples.flatMap((sample) => sample.latenciesMs).sort((a, b) => a - b);
  return {
    count,
    concurrencyInFlight: first.concurrencyInFlight,
    elapsedMs: round(elapsedMs),
    perSecond: round((count / elapsedMs) * 1000),
    perSecondByRun: samples.map((sample) => round((sample.count / sample.elapsedMs) * 1000)),
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p95: round(percentile(sorted, 0.95)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
    },
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of a list (in any order). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Two decimals: enough for milliseconds and rates, and short in JSON. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
