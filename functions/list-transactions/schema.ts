import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { centsField, pageOf, pageQuery, timestampField } from '../../shared/api/fields.ts';

export const listTransactionsQuery = pageQuery;

export const transactionView = z
  .object({
    id: z.string(),
    at: timestampField,
    type: z.enum(['deposit', 'reservation', 'capture', 'release', 'expiry', 'revocation', 'refund']),
    amount: centsField.meta({ description: 'Signed: how the entry changed your available money.' }),
    schemeId: z.string(),
    description: z.string(),
    claimId: z.string().optional(),
  })
  .meta({ id: 'Transaction' });

export const contract: RouteContract = {
  summary: 'Your ledger entries, newest first',
  query: listTransactionsQuery,
  responses: { 200: pageOf(transactionView) },
};
