import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { courseView } from '../../shared/api/course-view.ts';
import { categoryField, pageOf, pageQuery, plainTextField, providerIdField } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const searchCoursesQuery = z.extend(pageQuery, {
  q: z
    .optional(plainTextField(limits.searchQueryLengthMax))
    .check(z.meta({ description: 'Words in the title.', example: 'lassen' })),
  category: z
    .optional(categoryField)
    .check(z.meta({ description: 'Only courses of this category.', example: 'techniek' })),
  providerId: z.optional(providerIdField).check(
    z.meta({
      description:
        'Only this provider’s courses, by course id (a provider lists its own with the `orgId` of ' +
        '`GET /v1/organisation`).',
      example: 'opleidingen-noord',
    }),
  ),
});

export const contract: RouteContract = {
  tag: 'Courses',
  summary: 'Search courses',
  description: 'Any signed-in role. For a citizen, each course says which of their pots can pay for it and how much.',
  query: searchCoursesQuery,
  responses: { 200: pageOf(courseView) },
};
