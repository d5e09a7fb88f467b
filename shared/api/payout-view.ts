import * as z from 'zod/mini';
import { centsField, timestampField } from './fields.ts';

/** A payout to a provider. */
export const payoutView = z
  .object({ payoutId: z.string(), amount: centsField, claims: z.array(z.string()), createdAt: timestampField })
  .check(z.meta({ id: 'Payout' }));
