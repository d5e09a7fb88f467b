import * as z from 'zod/mini';
import { centsField, dateField, funderTypeField } from './fields.ts';

/** A citizen's balance overview. */
export const accountView = z
  .object({
    totals: z.object({ available: centsField, reserved: centsField }),
    pots: z.array(
      z.object({
        schemeId: z.string(),
        funderId: z
          .string()
          .check(z.meta({ description: 'The funder of the scheme: scheme ids are unique per funder only.' })),
        label: z.string(),
        funder: z.object({ type: funderTypeField, name: z.string() }),
        available: centsField,
        reserved: centsField,
        expiresAt: z.optional(dateField).check(z.meta({ description: 'First day the money can no longer be spent.' })),
        expiringSoon: z.boolean().check(z.meta({ description: 'True when the money expires within 90 days.' })),
      }),
    ),
  })
  .check(z.meta({ id: 'Account' }));
