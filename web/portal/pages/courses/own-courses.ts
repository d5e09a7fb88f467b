import { api, type Course } from '../../api.ts';

/** The API's largest page: one request for every course a real provider has. */
const coursesPerPage = 200;
/** A safety bound on the pages read, far beyond any provider's list. */
const coursePagesMax = 10;

/**
 * The provider's own courses, by title: `GET /v1/courses?providerId=` with the provider's id from
 * `GET /v1/organisation` (`orgId`). That reads only the provider's own partition, never the
 * national catalogue.
 */
export async function loadOwnCourses(providerId: string): Promise<Course[]> {
  const own: Course[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < coursePagesMax; page += 1) {
    const result = await api.courses({ providerId, limit: coursesPerPage, ...(cursor !== undefined && { cursor }) });
    own.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return own.sort((a, b) => a.title.localeCompare(b.title, 'nl'));
}
