import { api, type Scheme } from './api.ts';

/**
 * Pages of own schemes read at most: an organisation has a handful of schemes, and a list that
 * would go on for ever (a cursor that keeps coming back) must not keep the page loading.
 */
const schemePagesMax = 20;

/** All of the organisation's schemes, every page of `GET /v1/schemes`. */
export async function loadOwnSchemes(): Promise<Scheme[]> {
  const schemes: Scheme[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < schemePagesMax; page += 1) {
    const answer = await api.schemes(cursor);
    schemes.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === undefined) break;
  }
  return schemes;
}
