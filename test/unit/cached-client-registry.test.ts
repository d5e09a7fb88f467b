import { describe, expect, it } from 'vitest';
import { cachedClientRegistry } from '../../shared/auth/cached-client-registry.ts';
import type { ClientRecord, ClientRegistry } from '../../shared/auth/principal.ts';

const active: ClientRecord = {
  clientId: 'employer-demo',
  role: 'employer',
  orgId: '12345678',
  orgName: 'Bouwbedrijf De Vries',
  funderType: 'employer',
  status: 'active',
};

/** A registry whose records the test changes, counting the reads that reach it. */
function countingRegistry(initial: readonly ClientRecord[]) {
  const records = new Map(initial.map((record) => [record.clientId, record]));
  const reads: string[] = [];
  let failNext = false;
  const registry: ClientRegistry = {
    async get(clientId) {
      reads.push(clientId);
      if (failNext) {
        failNext = false;
        throw new Error('table unavailable');
      }
      return records.get(clientId);
    },
  };
  return {
    registry,
    reads,
    put: (record: ClientRecord) => records.set(record.clientId, record),
    failNextRead: () => {
      failNext = true;
    },
  };
}

function clockAt(startMs: number) {
  let nowMs = startMs;
  return { now: () => new Date(nowMs), advance: (ms: number) => (nowMs += ms) };
}

const maxAgeMs = 30_000;

describe('the cached client registry', () => {
  it('reads a client once for any number of requests within maxAgeMs', async () => {
    const { registry, reads } = countingRegistry([active]);
    const clock = clockAt(1_000_000);
    const cached = cachedClientRegistry(registry, { maxAgeMs, maxEntries: 10, now: clock.now });

    for (let request = 0; request < 100; request += 1) {
      expect(await cached.get('employer-demo')).toEqual(active);
      clock.advance(maxAgeMs / 100 - 1);
    }

    expect(reads).toEqual(['employer-demo']);
  });

  it('serves a disabled client as before until maxAgeMs − 1 ms, and refuses it from exactly maxAgeMs', async () => {
    const { registry, reads, put } = countingRegistry([active]);
    const clock = clockAt(1_000_000);
    const cached = cachedClientRegistry(registry, { maxAgeMs, maxEntries: 10, now: clock.now });
    expect(await cached.get('employer-demo')).toEqual(active);

    put({ ...active, status: 'disabled' });
    clock.advance(maxAgeMs - 1);
    expect((await cached.get('employer-demo'))?.status).toBe('active');
    clock.advance(1);
    expect((await cached.get('employer-demo'))?.status).toBe('disabled');

    expect(reads).toEqual(['employer-demo', 'employer-demo']);
  });

  it('never keeps an unknown client: one registered a moment later is known at its next request', async () => {
    const { registry, reads, put } = countingRegistry([]);
    const clock = clockAt(0);
    const cached = cachedClientRegistry(registry, { maxAgeMs, maxEntries: 10, now: clock.now });

    expect(await cached.get('employer-demo')).toBeUndefined();
    put(active);
    expect(await cached.get('employer-demo')).toEqual(active);
    expect(await cached.get('employer-demo')).toEqual(active);

    expect(reads).toEqual(['employer-demo', 'employer-demo']);
  });

  it('shares one read between concurrent first requests, and does not keep a failed read', async () => {
    const { registry, reads, failNextRead } = countingRegistry([active]);
    const cached = cachedClientRegistry(registry, { maxAgeMs, maxEntries: 10, now: clockAt(0).now });

    failNextRead();
    const failed = await Promise.allSettled([cached.get('employer-demo'), cached.get('employer-demo')]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(reads).toEqual(['employer-demo']);

    expect(await cached.get('employer-demo')).toEqual(active);
    expect(reads).toEqual(['employer-demo', 'employer-demo']);
  });

  it('keeps at most maxEntries clients, forgetting the one read longest ago', async () => {
    const others = ['a', 'b', 'c'].map((clientId) => ({ ...active, clientId }));
    const { registry, reads } = countingRegistry(others);
    const cached = cachedClientRegistry(registry, { maxAgeMs, maxEntries: 2, now: clockAt(0).now });

    await cached.get('a');
    await cached.get('b');
    await cached.get('c'); // 'a' is forgotten
    await cached.get('b');
    await cached.get('c');
    await cached.get('a'); // read again; now 'b' is forgotten

    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('with maxAgeMs 0 reads the registry on every request', async () => {
    const { registry, reads } = countingRegistry([active]);
    const cached = cachedClientRegistry(registry, { maxAgeMs: 0, maxEntries: 10, now: clockAt(0).now });

    await cached.get('employer-demo');
    await cached.get('employer-demo');

    expect(reads).toHaveLength(2);
  });

  it('refuses a negative or fractional maxAgeMs and a maxEntries below 1', () => {
    const { registry } = countingRegistry([]);
    const now = clockAt(0).now;
    expect(() => cachedClientRegistry(registry, { maxAgeMs: -1, maxEntries: 1, now })).toThrow(/maxAgeMs/);
    expect(() => cachedClientRegistry(registry, { maxAgeMs: 0.5, maxEntries: 1, now })).toThrow(/maxAgeMs/);
    expect(() => cachedClientRegistry(registry, { maxAgeMs: 1, maxEntries: 0, now })).toThrow(/maxEntries/);
  });
});
