import type { schemes as nl } from '../nl/schemes.ts';

/** Texts of the portal's schemes pages in English. */
export const schemes: typeof nl = {
  title: 'Schemes',
};
