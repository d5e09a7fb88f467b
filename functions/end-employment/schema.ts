import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { bsnField, centsField, dateField } from '../../shared/api/fields.ts';

export const endEmploymentBody = z
  .strictObject({
    bsn: bsnField,
    endDate: dateField.check(
      z.meta({
        description: 'The last working day; today or earlier, and not before the employment started.',
        example: '2026-06-30',
      }),
    ),
  })
  .check(z.meta({ id: 'EndEmploymentRequest' }));

export const contract: RouteContract = {
  tag: 'Employment',
  summary: 'End an employment',
  description:
    'Requires an Idempotency-Key header. ' +
    'What is left available in your revocable schemes’ pots goes back to you; ' +
    'money already held for a course stays with that course, and what the course does not take comes back to you ' +
    'when it is released.',
  body: endEmploymentBody,
  bodyExample: { bsn: '999993653', endDate: '2026-06-30' },
  responses: { 200: z.object({ returned: centsField.check(z.meta({ description: 'Cents returned to you.' })) }) },
  problems: ['idempotency_key_missing', 'idempotency_key_reused', 'unknown_person', 'not_employed', 'invalid_end_date'],
};
