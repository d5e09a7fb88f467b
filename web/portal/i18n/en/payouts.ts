import type { payouts as nl } from '../nl/payouts.ts';

/** Texts of the portal's payouts pages in English. */
export const payouts: typeof nl = {
  title: 'Payouts',
  intro: 'The money Leerrekening transferred to your account, and for which claims.',
  none: 'There are no payouts yet. Money you take comes with the next payout.',
  caption: 'Payouts to your organisation',
  date: 'Date',
  amount: 'Amount',
  count: 'Number of claims',
  claims: 'Claims',
  claimLink: (claimId: string) => `Claim ${claimId}`,
  moreClaims: (count: number) => `And ${count} more ${count === 1 ? 'claim' : 'claims'}`,
  more: 'Show more payouts',
};
