import type { usage as nl } from '../nl/usage.ts';

/** Texts of the portal's usage pages in English. */
export const usage: typeof nl = {
  title: 'Use of the money',
};
