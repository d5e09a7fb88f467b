import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';
import { payoutView } from '../../shared/api/payout-view.ts';

export const listPayoutsQuery = pageQuery;

export const contract: RouteContract = {
  summary: 'Payouts made to you, newest first',
  query: listPayoutsQuery,
  responses: { 200: pageOf(payoutView) },
};
