import * as z from 'zod';
import { centsField, timestampField } from './fields.ts';

/** A citizen's ledger entry. */
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
