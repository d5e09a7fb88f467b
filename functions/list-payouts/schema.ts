import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { centsField, pageOf, pageQuery, timestampField } from '../../shared/api/fields.ts';

export const listPayoutsQuery = pageQuery;

export const payoutView = z
  .object({ payoutId: z.string(), amount: centsField, claims: z.array(z.string()), createdAt: timestampField })
  .meta({ id: 'Payout' });

export const contract: RouteContract = {
  summary: 'Payouts made to you, newest first',
  query: listPayoutsQuery,
  responses: { 200: pageOf(payoutView) },
};
