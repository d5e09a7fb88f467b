import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { courseView } from '../../shared/api/course-view.ts';
import { amountField, categoryField, courseIdField, dateField, labelField } from '../../shared/api/fields.ts';
import { addDays } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createCourseBody = z
  .strictObject({
    courseId: courseIdField,
    title: labelField.check(z.maxLength(limits.courseTitleLengthMax)),
    category: categoryField,
    price: amountField(limits.coursePriceCentsMax),
    startDates: z.optional(z.array(dateField).check(z.maxLength(limits.startDatesPerCourseMax))),
  })
  .check(z.meta({ id: 'CreateCourseRequest' }));

export const contract: RouteContract = {
  tag: 'Courses',
  summary: 'Publish a course',
  description:
    'Publishes a course of your own that you can then claim funding for. `courseId` is unique per provider ' +
    '(409 course_exists); `category` decides which schemes may pay for it.',
  body: createCourseBody,
  bodyExample: (today) => ({
    courseId: 'heftruck-basis',
    title: 'Heftruckcertificaat',
    category: 'veiligheid',
    price: 85_000,
    startDates: [addDays(today, 60), addDays(today, 180)],
  }),
  responses: { 201: courseView },
  problems: ['course_exists', 'provider_not_active'],
};
