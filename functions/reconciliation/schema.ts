import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';

export const reconciliationView = z
  .object({
    balanced: z.boolean(),
    accounts: z.number().int(),
    transfers: z.number().int(),
    sum: z.number().int().meta({ description: 'Sum of every account balance in cents; always 0.' }),
    mismatchedAccounts: z.array(z.string()).meta({ description: 'Accounts whose stored balance differs from their ledger entries.' }),
  })
  .meta({ id: 'Reconciliation' });

export const contract: RouteContract = {
  summary: 'Check that the ledger balances',
  responses: { 200: reconciliationView },
};
