import type { payouts as nl } from '../nl/payouts.ts';

/** Texts of the portal's payouts pages in English. */
export const payouts: typeof nl = {
  title: 'Payouts',
};
