import type { deposits as nl } from '../nl/deposits.ts';

/** Texts of the portal's deposits pages in English. */
export const deposits: typeof nl = {
  title: 'Deposit money',
};
