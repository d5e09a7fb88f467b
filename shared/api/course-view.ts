import * as z from 'zod/mini';
import type { Course } from '../ledger/provider.ts';
import { dateField, timestampField } from './fields.ts';

/** A course as the API shows it: in the catalogue, and to a citizen with what their pots would pay. */
export const courseView = z
  .object({
    courseId: z.string(),
    title: z.string(),
    category: z.string(),
    price: z.number().check(z.int()),
    provider: z.object({ providerId: z.string(), name: z.string() }),
    startDates: z.optional(z.array(dateField)),
    createdAt: timestampField,
    payableBy: z
      .optional(
        z.array(
          z.object({
            schemeId: z.string(),
            funderId: z.string(),
            label: z.string(),
            amount: z.number().check(z.int()),
          }),
        ),
      )
      .check(z.meta({ description: 'For citizens: which of your pots can pay for this course, and how much.' })),
    ownContribution: z
      .optional(z.number().check(z.int()))
      .check(z.meta({ description: 'For citizens: what your pots cannot cover.' })),
  })
  .check(z.meta({ id: 'Course' }));

/** A course as the API shows it. */
export function toCourseView(course: Course): z.output<typeof courseView> {
  return {
    courseId: course.courseId,
    title: course.title,
    category: course.category,
    price: course.priceCents,
    provider: { providerId: course.providerId, name: course.providerName },
    ...(course.startDates !== undefined && { startDates: [...course.startDates] }),
    createdAt: course.createdAt,
  };
}
