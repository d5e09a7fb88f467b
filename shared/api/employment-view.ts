import * as z from 'zod/mini';
import { dateField } from './fields.ts';

/** An employment as registered. */
export const employmentView = z
  .object({
    startDate: dateField,
    endDate: z.optional(dateField),
    status: z.enum(['active', 'ended']),
  })
  .check(z.meta({ id: 'Employment', description: 'The employment as registered; the BSN is never echoed.' }));
