import { describe, expect, it } from 'vitest';
import { appIndexFor } from '../../../shared/http/web-paths.ts';

describe('appIndexFor', () => {
  it('serves the portal for /zakelijk and every path below it', () => {
    for (const path of ['/zakelijk', '/zakelijk/', '/zakelijk/auth/callback', '/zakelijk/claims/c-1'])
      expect(appIndexFor(path), path).toBe('zakelijk/index.html');
  });

  it('serves the citizen app for every other path, also one that only starts like the portal', () => {
    for (const path of ['/', '/history', '/auth/callback', '/zakelijkheid', '/claims/zakelijk'])
      expect(appIndexFor(path), path).toBe('index.html');
  });
});
