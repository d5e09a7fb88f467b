import { api, type Course } from '../../api.ts';

/** The catalogue is read in pages of this size… */
const coursesPerPage = 200;
/** …and at most this many pages: 2,000 courses is far beyond the demo and a real provider's list. */
const coursePagesMax = 10;

/**
 * The organisation's own courses. `GET /v1/courses` is the whole catalogue and the portal does not
 * know its provider id (`GET /v1/organisation` names the organisation, not its provider id), so
 * the courses are picked by the provider name the API shows on each course, which is the same
 * registry name the organisation has.
 */
export async function loadOwnCourses(providerName: string): Promise<Course[]> {
  const own: Course[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < coursePagesMax; page += 1) {
    const result = await api.courses({ limit: coursesPerPage, ...(cursor !== undefined && { cursor }) });
    own.push(...result.items.filter((course) => course.provider.name === providerName));
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return own.sort((a, b) => a.title.localeCompare(b.title, 'nl'));
}
