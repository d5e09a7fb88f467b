import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { employmentView } from '../../shared/api/employment-view.ts';
import { bsnField, dateField } from '../../shared/api/fields.ts';

export const registerEmployeeBody = z
  .strictObject({ bsn: bsnField, startDate: dateField })
  .check(z.meta({ id: 'RegisterEmployeeRequest' }));

export const contract: RouteContract = {
  tag: 'Employment',
  summary: 'Register an employee',
  description: 'Answers 201 for a new employment and 200 when the person is already registered as employed by you.',
  body: registerEmployeeBody,
  bodyExample: { bsn: '999993653', startDate: '2026-01-05' },
  responses: { 201: employmentView, 200: employmentView },
  problems: ['unknown_person'],
};
