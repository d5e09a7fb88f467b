import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';
import { payoutView } from '../../shared/api/payout-view.ts';

export const listPayoutsQuery = pageQuery;

export const contract: RouteContract = {
  tag: 'Payouts',
  summary: 'Payouts made to you, newest first',
  description:
    'Captured claims are paid out to your bank account in payouts, newest first; each names the claims it pays.',
  query: listPayoutsQuery,
  responses: { 200: pageOf(payoutView) },
};
