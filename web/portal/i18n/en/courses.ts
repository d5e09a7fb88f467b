import type { courses as nl } from '../nl/courses.ts';

/** Texts of the portal's courses pages in English. */
export const courses: typeof nl = {
  title: 'Courses',
};
