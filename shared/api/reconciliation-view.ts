import * as z from 'zod/mini';

/** What reconciling the ledger found. */
export const reconciliationView = z
  .object({
    balanced: z.boolean(),
    accounts: z.number().check(z.int()),
    transfers: z.number().check(z.int()),
    sum: z.number().check(z.int(), z.meta({ description: 'Sum of every account balance in cents; always 0.' })),
    mismatchedAccounts: z
      .array(z.string())
      .check(z.meta({ description: 'Accounts whose stored balance differs from their ledger entries.' })),
  })
  .check(z.meta({ id: 'Reconciliation' }));
