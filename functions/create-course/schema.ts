import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { courseView } from '../../shared/api/course-view.ts';
import { amountField, categoryField, courseIdField, dateField, labelField } from '../../shared/api/fields.ts';
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

export const contract: RouteContract = {
  summary: 'Publish a course',
  body: createCourseBody,
  responses: { 201: courseView },
  problems: ['course_exists', 'provider_not_active'],
};
