import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { bsnField, dateField } from '../../shared/api/fields.ts';

export const registerEmployeeBody = z.strictObject({ bsn: bsnField, startDate: dateField }).meta({ id: 'RegisterEmployeeRequest' });

export const employmentView = z
  .object({
    startDate: dateField,
    endDate: dateField.optional(),
    status: z.enum(['active', 'ended']),
  })
  .meta({ id: 'Employment', description: 'The employment as registered; the BSN is never echoed.' });

export const contract: RouteContract = {
  summary: 'Register an employee',
  description: 'Answers 201 for a new employment and 200 when the person is already registered as employed by you.',
  body: registerEmployeeBody,
  responses: { 201: employmentView, 200: employmentView },
  problems: ['unknown_person'],
};
