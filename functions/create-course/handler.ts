import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { createCourseBody } from './schema.ts';
import { createCourse } from './use-case.ts';

export const handler = apiHandler('create-course', { body: createCourseBody }, ({ principal, body }) =>
  createCourse(coreDependenciesFromEnvironment(), principal, body),
);
