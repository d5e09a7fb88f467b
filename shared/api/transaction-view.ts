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
    funderId: z.string().meta({ description: 'The funder of the scheme: scheme ids are unique per funder only.' }),
    description: z.string(),
    claimId: z.string().optional(),
  })
  .meta({ id: 'Transaction' });
