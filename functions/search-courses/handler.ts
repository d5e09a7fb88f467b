import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { searchCoursesQuery } from './schema.ts';
import { searchCourses } from './use-case.ts';

export const handler = apiHandler('search-courses', { query: searchCoursesQuery }, ({ principal, query }) =>
  searchCourses(coreDependenciesFromEnvironment(), principal, query),
);
