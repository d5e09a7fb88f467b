import type * as z from 'zod';
import { toCourseView } from '../../shared/api/course-view.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { allocate } from '../../shared/ledger/allocation.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import type { searchCoursesQuery } from './schema.ts';

/**
 * Searches the catalogue. A citizen also sees, per course, what their pots would pay by the same
 * allocation rule an approval uses, so the search never promises more than approval gives.
 */
export async function searchCourses(store: LedgerStore, principal: Principal, query: z.output<typeof searchCoursesQuery>, now: Date): Promise<Outcome<Reply>> {
  const [page, pots] = await Promise.all([
    store.searchCourses({ ...(query.q !== undefined && query.q !== '' && { q: query.q }), ...(query.category !== undefined && { category: query.category }) }, query),
    principal.role === 'citizen' ? store.listPots(principal.personId) : Promise.resolve(undefined),
  ]);
  const today = dateOf(now);
  const items = page.items.map((course) => {
    if (pots === undefined) return toCourseView(course);
    const allocation = allocate({ amountCents: course.priceCents, category: course.category, today }, pots);
    const bySchemeLabel = new Map<string, { schemeId: string; label: string; amount: number }>();
    for (const part of allocation.parts) {
      const label = pots.find((pot) => pot.potId === part.potId)?.label ?? part.schemeId;
      const entry = bySchemeLabel.get(part.schemeId) ?? { schemeId: part.schemeId, label, amount: 0 };
      entry.amount += part.amountCents;
      bySchemeLabel.set(part.schemeId, entry);
    }
    return { ...toCourseView(course), payableBy: [...bySchemeLabel.values()], ownContribution: allocation.ownContributionCents };
  });
  return succeed({ statusCode: 200, body: { items, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) } });
}
