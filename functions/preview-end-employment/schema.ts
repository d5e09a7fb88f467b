import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { centsField } from '../../shared/api/fields.ts';
import { endEmploymentBody } from '../end-employment/schema.ts';

/** The same body as ending: what the employer would send to end the employment. */
export const previewEndEmploymentBody = endEmploymentBody;

export const contract: RouteContract = {
  tag: 'Employment',
  summary: 'Preview the end of an employment',
  description:
    'What ending the employment now would return to you, without ending it and without moving money; ' +
    'the same checks and refusals as ending it. Show it before the end is confirmed. The end itself may ' +
    'return a different amount when money moved in between (a deposit, an approved claim).',
  body: previewEndEmploymentBody,
  bodyExample: { bsn: '999990019', endDate: '2026-06-30' },
  responses: {
    200: z
      .object({
        returned: centsField.check(z.meta({ description: 'Cents ending the employment now would return to you.' })),
      })
      .check(z.meta({ id: 'EndEmploymentPreview' })),
  },
  problems: ['unknown_person', 'not_employed', 'invalid_end_date'],
};
