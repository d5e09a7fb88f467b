import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, categoryField, dateField, labelField, schemeIdField } from '../../shared/api/fields.ts';
import { schemeView } from '../../shared/api/scheme-view.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createSchemeBody = z
  .strictObject({
    schemeId: schemeIdField,
    label: labelField,
    expiresAt: z.optional(dateField).check(
      z.meta({
        description:
          'Fixed date from which the money can no longer be spent; must be after today. ' +
          'Give either this or expiresAfterMonths, not both.',
      }),
    ),
    expiresAfterMonths: z
      .optional(z.number().check(z.int(), z.minimum(1), z.maximum(limits.expiresAfterMonthsMax)))
      .check(
        z.meta({
          description:
            'Money expires this many months after each deposit. Give either this or expiresAt, not both; ' +
            'without either the money does not expire.',
        }),
      ),
    categories: z
      .optional(z.array(categoryField).check(z.minLength(1), z.maxLength(limits.categoriesPerSchemeMax)))
      .check(z.meta({ description: 'Course categories the money may pay for; absent means all.' })),
    maxPerCourse: z.optional(amountField(limits.maxPerCourseCentsMax)),
    revocable: z
      .optional(z.boolean())
      .check(z.meta({ description: 'Unused money returns to the employer when employment ends. Default false.' })),
    budget: z
      .optional(amountField(limits.schemeBudgetCentsMax))
      .check(z.meta({ description: 'Total that deposits may not exceed, in cents.' })),
  })
  .check(z.meta({ id: 'CreateSchemeRequest' }));

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
