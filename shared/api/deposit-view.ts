import * as z from 'zod';
import { timestampField } from './fields.ts';

/** A deposit as the API answers it. */
export const depositView = z
  .object({ depositId: z.string(), schemeId: z.string(), amount: z.number().int(), at: timestampField })
  .meta({ id: 'Deposit' });
