export interface ReadThroughCacheOptions {
  /** What the cache is for, in its error messages. */
  readonly name: string;
  /**
   * How long a value read is trusted, in milliseconds: the bound on staleness. A value changed at
   * the source is seen from the first read made `maxAgeMs` after the change. `Infinity` for what
   * never changes once it exists.
   */
  readonly maxAgeMs: number;
  /** Values kept at most; the oldest read is forgotten first. Bounds the memory of an instance. */
  readonly maxEntries: number;
  readonly now: () => Date;
}

interface Entry<V> {
  readonly readAt: number;
  readonly value: Promise<V | undefined>;
}

/**
 * A per-instance read-through cache for values that change rarely or never, so a warm Lambda
 * reads each at most once per `maxAgeMs`.
 *
 * - Only values that exist are kept. A key not found is read again next time, so what was created
 *   a moment ago is found at once.
 * - Concurrent first reads of one key share one read; a failed read is not kept.
 * - An entry is served while `now - readAt < maxAgeMs`, and read again from `maxAgeMs` on.
 */
export function readThroughCache<V>(
  read: (key: string) => Promise<V | undefined>,
  options: ReadThroughCacheOptions,
): (key: string) => Promise<V | undefined> {
  const { name, maxAgeMs, maxEntries } = options;
  if (!(Number.isSafeInteger(maxAgeMs) || maxAgeMs === Number.POSITIVE_INFINITY) || maxAgeMs < 0) {
    throw new Error(`${name}: maxAgeMs must be a whole number of at least 0 (or Infinity), got ${maxAgeMs}`);
  }
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new Error(`${name}: maxEntries must be a whole number of at least 1, got ${maxEntries}`);
  }
  // A Map iterates in insertion order, and an entry is re-inserted when read again: the first key is the oldest read.
  const entries = new Map<string, Entry<V>>();

  const readAndKeep = (key: string, readAt: number): Promise<V | undefined> => {
    const value = read(key);
    const entry: Entry<V> = { readAt, value };
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
    const forget = () => {
      if (entries.get(key) === entry) entries.delete(key);
    };
    value.then((found) => found === undefined && forget(), forget);
    return value;
  };

  return (key) => {
    const now = options.now().getTime();
    const entry = entries.get(key);
    if (entry !== undefined && now - entry.readAt < maxAgeMs) return entry.value;
    return readAndKeep(key, now);
  };
}
