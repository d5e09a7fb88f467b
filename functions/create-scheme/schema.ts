import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, categoryField, dateField, labelField, schemeIdField } from '../../shared/api/fields.ts';
import { schemeView } from '../../shared/api/scheme-view.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createSchemeBody = z
  .strictObject({
    schemeId: schemeIdField,
    label: labelField,
    expiresAt: dateField.optional().meta({ description: 'Fixed date from which the money can no longer be spent.' }),
    expiresAfterMonths: z
      .number()
      .int()
      .min(1)
      .max(limits.expiresAfterMonthsMax)
      .optional()
      .meta({ description: 'Money expires this many months after each deposit.' }),
    categories: z
      .array(categoryField)
      .min(1)
      .max(limits.categoriesPerSchemeMax)
      .optional()
      .meta({ description: 'Course categories the money may pay for; absent means all.' }),
    maxPerCourse: amountField(limits.maxPerCourseCentsMax).optional(),
    revocable: z
      .boolean()
      .optional()
      .meta({ description: 'Unused money returns to the employer when employment ends. Default false.' }),
    budget: amountField(limits.schemeBudgetCentsMax)
      .optional()
      .meta({ description: 'Total that deposits may not exceed, in cents.' }),
  })
  .meta({ id: 'CreateSchemeRequest' });

export const contract: RouteContract = {
  summary: 'Define a scheme (regeling)',
  body: createSchemeBody,
  responses: { 201: schemeView },
  problems: ['scheme_exists', 'invalid_expiry'],
};
