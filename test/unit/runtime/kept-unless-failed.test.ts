import { describe, expect, it } from 'vitest';
import { keptUnlessFailed } from '../../../shared/runtime/kept-unless-failed.ts';

describe('keptUnlessFailed', () => {
  it('loads once, shares the load between concurrent first calls, and keeps what it loaded', async () => {
    let loads = 0;
    const value = keptUnlessFailed(async () => {
      loads += 1;
      return 'secret';
    });
    expect(await Promise.all([value(), value()])).toEqual(['secret', 'secret']);
    expect(await value()).toBe('secret');
    expect(loads).toBe(1);
  });

  it('forgets a failed load, thrown at once or later, so the next call loads again', async () => {
    let loads = 0;
    const value = keptUnlessFailed(async () => {
      loads += 1;
      if (loads === 1) throw new Error('SSM is unreachable');
      return 'secret';
    });
    await expect(value()).rejects.toThrow('SSM is unreachable');
    expect(await value()).toBe('secret');

    let syncLoads = 0;
    const sync = keptUnlessFailed((): Promise<string> => {
      syncLoads += 1;
      if (syncLoads === 1) throw new Error('no such parameter');
      return Promise.resolve('secret');
    });
    await expect(sync()).rejects.toThrow('no such parameter');
    expect(await sync()).toBe('secret');
  });
});
