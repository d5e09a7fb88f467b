import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { createCourseBody } from './schema.ts';
import { createCourse } from './use-case.ts';

export const handler = apiHandler('create-course', { body: createCourseBody }, async ({ principal, body }) =>
  createCourse(await dependenciesFromEnvironment(), principal, body),
);
