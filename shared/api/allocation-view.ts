import * as z from 'zod';
import { partView } from './claim-view.ts';
import { centsField, funderTypeField } from './fields.ts';

/** The split approving a claim would make. */
export const allocationView = z
  .object({
    parts: z.array(
      partView.extend({ label: z.string(), funder: z.object({ type: funderTypeField, name: z.string() }) }),
    ),
    ownContribution: centsField.meta({
      description: 'What your pots cannot cover: you pay this to the provider yourself.',
    }),
  })
  .meta({ id: 'Allocation' });
