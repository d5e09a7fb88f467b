import type { ClientRecord, ClientRegistry } from './principal.ts';

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

interface Entry {
  readonly readAt: number;
  readonly record: Promise<ClientRecord | undefined>;
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
  if (!Number.isSafeInteger(options.maxAgeMs) || options.maxAgeMs < 0) {
    throw new Error(`client registry cache: maxAgeMs must be a whole number of at least 0, got ${options.maxAgeMs}`);
  }
  if (!Number.isSafeInteger(options.maxEntries) || options.maxEntries < 1) {
    throw new Error(
      `client registry cache: maxEntries must be a whole number of at least 1, got ${options.maxEntries}`,
    );
  }
  // A Map iterates in insertion order, and an entry is re-inserted when read again: the first key is the oldest read.
  const entries = new Map<string, Entry>();

  const read = (clientId: string, readAt: number): Promise<ClientRecord | undefined> => {
    const record = registry.get(clientId);
    const entry: Entry = { readAt, record };
    entries.delete(clientId);
    entries.set(clientId, entry);
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
    const forget = () => {
      if (entries.get(clientId) === entry) entries.delete(clientId);
    };
    record.then((found) => found === undefined && forget(), forget);
    return record;
  };

  return {
    get(clientId) {
      const now = options.now().getTime();
      const entry = entries.get(clientId);
      if (entry !== undefined && now - entry.readAt < options.maxAgeMs) return entry.record;
      return read(clientId, now);
    },
  };
}
