import * as z from 'zod/mini';
import { timestampField } from './fields.ts';

/** A deposit as the API answers it. */
export const depositView = z
  .object({ depositId: z.string(), schemeId: z.string(), amount: z.number().check(z.int()), at: timestampField })
  .check(z.meta({ id: 'Deposit' }));
