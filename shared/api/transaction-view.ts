import * as z from 'zod/mini';
import { centsField, timestampField } from './fields.ts';

/** A citizen's ledger entry. */
export const transactionView = z
  .object({
    id: z.string(),
    at: timestampField,
    type: z.enum(['deposit', 'reservation', 'capture', 'release', 'expiry', 'revocation', 'refund']),
    amount: centsField.check(z.meta({ description: 'Signed: how the entry changed your available money.' })),
    schemeId: z.string(),
    funderId: z
      .string()
      .check(z.meta({ description: 'The funder of the scheme: scheme ids are unique per funder only.' })),
    description: z.string(),
    claimId: z.optional(z.string()),
  })
  .check(z.meta({ id: 'Transaction' }));
