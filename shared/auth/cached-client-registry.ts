import { readThroughCache } from '../runtime/read-through-cache.ts';
import type { ClientRegistry } from './principal.ts';

export interface ClientRegistryCacheOptions {
  /**
   * How long a client record read from the registry is trusted, in milliseconds. This is the
   * bound on staleness: a client disabled (or whose role changed) in the registry is refused from
   * the first request made `maxAgeMs` after the change, whatever the instance saw before.
   */
  readonly maxAgeMs: number;
  /** Clients kept at most; the oldest read is forgotten first. Bounds the memory of an instance. */
  readonly maxEntries: number;
  readonly now: () => Date;
}

/**
 * The client registry behind a per-instance cache, so a business request costs no table read on
 * the hot path: a warm authorizer reads each client at most once per `maxAgeMs`.
 *
 * - Only clients that exist are kept. An unknown client id is read again on its next request, so a
 *   client registered a moment ago is known at once.
 * - Concurrent first requests for one client share one read; a failed read is not kept.
 * - An entry is served while `now - readAt < maxAgeMs`, and read again from `maxAgeMs` on.
 */
export function cachedClientRegistry(registry: ClientRegistry, options: ClientRegistryCacheOptions): ClientRegistry {
  const get = readThroughCache((clientId) => registry.get(clientId), { name: 'client registry cache', ...options });
  return { get };
}
