import * as z from 'zod/mini';
import type { Scheme } from '../ledger/scheme.ts';
import { centsField, dateField, funderTypeField, timestampField } from './fields.ts';

export const schemeView = z
  .object({
    schemeId: z.string(),
    label: z.string(),
    funder: z.object({ type: funderTypeField, name: z.string() }),
    expiresAt: z.optional(dateField),
    expiresAfterMonths: z.optional(z.number().check(z.int())),
    categories: z.optional(z.array(z.string())),
    maxPerCourse: z.optional(centsField),
    revocable: z.boolean(),
    budget: z.optional(centsField),
    createdAt: timestampField,
  })
  .check(z.meta({ id: 'Scheme' }));

/** A scheme as the API shows it, with amounts under their API names. */
export function toSchemeView(scheme: Scheme): z.output<typeof schemeView> {
  return {
    schemeId: scheme.schemeId,
    label: scheme.label,
    funder: { type: scheme.funder.type, name: scheme.funder.name },
    ...(scheme.expiry.kind === 'fixed' && { expiresAt: scheme.expiry.date }),
    ...(scheme.expiry.kind === 'afterMonths' && { expiresAfterMonths: scheme.expiry.months }),
    ...(scheme.categories !== undefined && { categories: [...scheme.categories] }),
    ...(scheme.maxPerCourseCents !== undefined && { maxPerCourse: scheme.maxPerCourseCents }),
    revocable: scheme.revocable,
    ...(scheme.budgetCents !== undefined && { budget: scheme.budgetCents }),
    createdAt: scheme.createdAt,
  };
}
