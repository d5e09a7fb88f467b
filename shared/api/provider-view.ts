import * as z from 'zod/mini';
import { timestampField } from './fields.ts';

/** A training provider as registered. */
export const providerView = z
  .object({
    providerId: z.string(),
    name: z.string(),
    kvk: z.string(),
    iban: z.string(),
    status: z.enum(['active', 'suspended']),
    updatedAt: timestampField,
  })
  .check(z.meta({ id: 'Provider' }));
