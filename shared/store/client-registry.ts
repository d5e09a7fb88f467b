import { cachedClientRegistry } from '../auth/cached-client-registry.ts';
import type { ClientRegistry } from '../auth/principal.ts';
import { clockFromEnvironment } from '../runtime/clock.ts';
import { positiveIntegerFromEnvironment, storeFromEnvironment } from '../runtime/environment.ts';

/**
 * How long an authorizer instance trusts a client record it read, unless `CLIENT_REGISTRY_CACHE_MS`
 * says otherwise: a client an operator disables is refused everywhere within 30 seconds, and a
 * business request costs no table read on the hot path (each warm instance reads each client at
 * most twice a minute).
 */
export const clientRegistryCacheMsDefault = 30_000;

/** Clients one authorizer instance keeps at most (a record is a few hundred bytes). */
export const clientRegistryCacheEntriesMax = 10_000;

/**
 * The client registry lives in the ledger table (`CLIENT#<clientId>` items), seeded locally and
 * managed by operators in AWS; each instance keeps what it read for `CLIENT_REGISTRY_CACHE_MS`.
 */
export function clientRegistryFromEnvironment(): ClientRegistry {
  const store = storeFromEnvironment();
  return cachedClientRegistry(
    { get: (clientId) => store.getClient(clientId) },
    {
      maxAgeMs: positiveIntegerFromEnvironment('CLIENT_REGISTRY_CACHE_MS', clientRegistryCacheMsDefault),
      maxEntries: clientRegistryCacheEntriesMax,
      now: clockFromEnvironment().now,
    },
  );
}
