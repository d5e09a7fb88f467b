import { apiHandler } from '../../shared/http/api-handler.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { searchCoursesQuery } from './schema.ts';
import { searchCourses } from './use-case.ts';

export const handler = apiHandler('search-courses', { query: searchCoursesQuery }, async ({ principal, query }) =>
  searchCourses(storeFromEnvironment(), principal, query, new Date()),
);
