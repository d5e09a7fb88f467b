import { randomInt } from 'node:crypto';
import type { JobDependencies } from '../application/job.ts';
import { storeFromEnvironment } from './environment.ts';

/** What a scheduled job needs, from this process's environment: the store and the clock, no secrets. */
export function jobDependenciesFromEnvironment(): JobDependencies {
  return { store: storeFromEnvironment(), now: () => new Date(), randomInt: (n) => randomInt(n) };
}
