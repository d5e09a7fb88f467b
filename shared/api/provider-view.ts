import * as z from 'zod';
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
  .meta({ id: 'Provider' });
