import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, categoryField, courseIdField, dateField, labelField, timestampField } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createCourseBody = z
  .strictObject({
    courseId: courseIdField,
    title: labelField.max(limits.courseTitleLengthMax),
    category: categoryField,
    price: amountField(limits.coursePriceCentsMax),
    startDates: z.array(dateField).max(limits.startDatesPerCourseMax).optional(),
  })
  .meta({ id: 'CreateCourseRequest' });

export const courseView = z
  .object({
    courseId: z.string(),
    title: z.string(),
    category: z.string(),
    price: z.number().int(),
    provider: z.object({ providerId: z.string(), name: z.string() }),
    startDates: z.array(dateField).optional(),
    createdAt: timestampField,
    payableBy: z
      .array(z.object({ schemeId: z.string(), label: z.string(), amount: z.number().int() }))
      .optional()
      .meta({ description: 'For citizens: which of your pots can pay for this course, and how much.' }),
    ownContribution: z.number().int().optional().meta({ description: 'For citizens: what your pots cannot cover.' }),
  })
  .meta({ id: 'Course' });

export const contract: RouteContract = {
  summary: 'Publish a course',
  body: createCourseBody,
  responses: { 201: courseView },
  problems: ['course_exists', 'provider_not_active'],
};
