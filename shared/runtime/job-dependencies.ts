import type { JobDependencies } from '../application/job.ts';
import { coreDependenciesFromEnvironment } from './environment.ts';

/** What a scheduled job needs, from this process's environment: the store and the clock, no secrets. */
export function jobDependenciesFromEnvironment(): JobDependencies {
  return coreDependenciesFromEnvironment();
}
