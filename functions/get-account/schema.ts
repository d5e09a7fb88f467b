import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { centsField, dateField, funderTypeField } from '../../shared/api/fields.ts';

export const accountView = z
  .object({
    totals: z.object({ available: centsField, reserved: centsField }),
    pots: z.array(
      z.object({
        schemeId: z.string(),
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

export const contract: RouteContract = {
  summary: 'Your balance per funder',
  description: 'A person with no money yet gets empty pots.',
  responses: { 200: accountView },
};
