import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, categoryField, dateField, labelField, schemeIdField } from '../../shared/api/fields.ts';
import { schemeView } from '../../shared/api/scheme-view.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createSchemeBody = z
  .strictObject({
    schemeId: schemeIdField,
    label: labelField,
    expiresAt: dateField.optional().meta({
      description:
        'Fixed date from which the money can no longer be spent; must be after today. ' +
        'Give either this or expiresAfterMonths, not both.',
    }),
    expiresAfterMonths: z
      .number()
      .int()
      .min(1)
      .max(limits.expiresAfterMonthsMax)
      .optional()
      .meta({
        description:
          'Money expires this many months after each deposit. Give either this or expiresAt, not both; ' +
          'without either the money does not expire.',
      }),
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
  tag: 'Schemes',
  summary: 'Define a scheme (regeling)',
  description:
    'A scheme (regeling) holds a funder’s rules for its money. `schemeId` is unique per funder (409 scheme_exists). ' +
    'Give at most one of `expiresAt` and `expiresAfterMonths` (both: 422 invalid_expiry); without either the ' +
    'money does not expire. `expiresAt` must be after today.',
  body: createSchemeBody,
  bodyExample: {
    schemeId: 'scholing-2027',
    label: 'Scholingsbudget 2027',
    expiresAfterMonths: 24,
    categories: ['techniek', 'veiligheid'],
    maxPerCourse: 50_000,
    budget: 250_000_000,
  },
  responses: { 201: schemeView },
  problems: ['scheme_exists', 'invalid_expiry'],
};
