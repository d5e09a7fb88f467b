import type { Dependencies } from '../application/dependencies.ts';

/**
 * The system clock, as `dependencies.now`: the one place a deployed or local function reads the
 * time, handed in where dependencies are built. Kept apart from `environment.ts` so a route that
 * needs the clock and nothing else (the OpenAPI document) does not load the store or SSM.
 */
export function clockFromEnvironment(): Pick<Dependencies, 'now'> {
  return { now: () => new Date() };
}
