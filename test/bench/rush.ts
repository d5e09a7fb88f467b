import { type ApiHandler, invocation, routeOf } from './api-events.ts';
import { type RunFigures, runInFlight, summarize } from './in-flight.ts';
import type { BenchPerson } from './world.ts';

/**
 * An opening-day rush on this machine: many balance views at once through the real get-account
 * handler against DynamoDB Local, far more in flight than the throughput runs, with every answer
 * counted rather than the first error ending the run. It shows how the handler and the store
 * behave when requests queue (latency grows, nothing fails), not what AWS would serve: DynamoDB
 * Local is one JVM on two cores. docs/capacity.md scales the measured per-request figures up.
 */

/** Balance views in the rush. */
export const rushViewsCount = 4_000;

/** Requests in flight at once: eight times the throughput runs'. */
export const rushConcurrencyInFlight = 128;

export interface RushFigures {
  readonly views: RunFigures;
  /** Answers other than 200, and requests that threw, each counted. */
  readonly errors: number;
  /** Error answers by status (or `thrown`), when there were any. */
  readonly errorsByKind: Readonly<Record<string, number>>;
}

export async function measureRush(accountHandler: ApiHandler, persons: readonly BenchPerson[]): Promise<RushFigures> {
  const route = routeOf('get-account');
  const errorsByKind: Record<string, number> = {};
  const countError = (kind: string) => {
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
  };
  const views = Array.from({ length: rushViewsCount }, (_, index) => {
    const person = persons[index % persons.length];
    if (person === undefined) throw new Error('rush: no persons');
    return invocation(route, { authorization: 'Bearer benchmark' }, undefined, {
      role: 'citizen',
      personId: person.personId,
    });
  });
  const sample = await runInFlight(views.length, rushConcurrencyInFlight, async (index) => {
    const view = views[index];
    if (view === undefined) throw new Error(`rush: no view ${index}`);
    try {
      const result = await accountHandler(view.event, view.context);
      if (result.statusCode !== 200) countError(String(result.statusCode));
    } catch {
      countError('thrown');
    }
  });
  return {
    views: summarize([sample]),
    errors: Object.values(errorsByKind).reduce((sum, count) => sum + count, 0),
    errorsByKind,
  };
}

export function rushReport(rush: RushFigures): string[] {
  const { views } = rush;
  return [
    '',
    `Balance view rush: ${views.count} views, ${views.concurrencyInFlight} in flight, through the get-account handler`,
    `  ${views.perSecond} per second; p50 ${views.latencyMs.p50} ms, p95 ${views.latencyMs.p95} ms, ` +
      `p99 ${views.latencyMs.p99} ms, max ${views.latencyMs.max} ms; errors ${rush.errors}` +
      (rush.errors === 0 ? '' : ` (${JSON.stringify(rush.errorsByKind)})`),
  ];
}
