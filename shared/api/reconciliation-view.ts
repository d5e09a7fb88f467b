import * as z from 'zod';

/** What reconciling the ledger found. */
export const reconciliationView = z
  .object({
    balanced: z.boolean(),
    accounts: z.number().int(),
    transfers: z.number().int(),
    sum: z.number().int().meta({ description: 'Sum of every account balance in cents; always 0.' }),
    mismatchedAccounts: z
      .array(z.string())
      .meta({ description: 'Accounts whose stored balance differs from their ledger entries.' }),
  })
  .meta({ id: 'Reconciliation' });
