import * as z from 'zod';
import { dateField } from './fields.ts';

/** An employment as registered. */
export const employmentView = z
  .object({
    startDate: dateField,
    endDate: dateField.optional(),
    status: z.enum(['active', 'ended']),
  })
  .meta({ id: 'Employment', description: 'The employment as registered; the BSN is never echoed.' });
