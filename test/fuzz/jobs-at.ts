import { randomInt } from 'node:crypto';
import { expireStaleClaims } from '../../functions/jobs/expire-stale-claims/use-case.ts';
import { releaseExpiredReservations } from '../../functions/jobs/release-expired-reservations/use-case.ts';
import type { JobSummary } from '../../shared/application/job.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';

/** The jobs that expire claims: the fuzzer runs them as if their deadlines had passed. */
export type ExpiryJob = 'expire-stale-claims' | 'release-expired-reservations';

/**
 * Runs an expiry job's use case as its handler does, on the store the handlers use, but with the
 * clock at `at`: the only way to reach a deadline months ahead in a test that takes seconds.
 */
export function runExpiryJobAt(name: ExpiryJob, at: Date): Promise<JobSummary> {
  const dependencies = { store: storeFromEnvironment(), now: () => at, randomInt: (n: number) => randomInt(n) };
  return name === 'expire-stale-claims' ? expireStaleClaims(dependencies) : releaseExpiredReservations(dependencies);
}
