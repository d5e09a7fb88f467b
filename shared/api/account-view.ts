import * as z from 'zod';
import { centsField, dateField, funderTypeField } from './fields.ts';

/** A citizen's balance overview. */
export const accountView = z
  .object({
    totals: z.object({ available: centsField, reserved: centsField }),
    pots: z.array(
      z.object({
        schemeId: z.string(),
        funderId: z.string().meta({ description: 'The funder of the scheme: scheme ids are unique per funder only.' }),
        label: z.string(),
        funder: z.object({ type: funderTypeField, name: z.string() }),
        available: centsField,
        reserved: centsField,
        expiresAt: dateField.optional().meta({ description: 'First day the money can no longer be spent.' }),
        expiringSoon: z.boolean().meta({ description: 'True when the money expires within 90 days.' }),
      }),
    ),
  })
  .meta({ id: 'Account' });
