import type * as z from 'zod/mini';
import { type courseView, toCourseView } from '../../shared/api/course-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { allocate } from '../../shared/ledger/allocation.ts';
import { schemeKey } from '../../shared/ledger/course-use.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Pot } from '../../shared/ledger/pot.ts';
import type { Course } from '../../shared/ledger/provider.ts';
import type { AccountStore, ProviderStore } from '../../shared/store/ledger-store.ts';
import type { searchCoursesQuery } from './schema.ts';

/**
 * Searches the catalogue. A citizen also sees, per course, what their pots would pay by the same
 * allocation rule an approval uses, so the search never promises more than approval gives.
 */
export async function searchCourses(
  dependencies: UseCaseDependencies<Pick<ProviderStore, 'searchCourses'> & Pick<AccountStore, 'listPots'>, 'now'>,
  principal: Principal,
  input: z.output<typeof searchCoursesQuery>,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  const filter = {
    ...(input.q !== undefined && input.q !== '' && { q: input.q }),
    ...(input.category !== undefined && { category: input.category }),
    ...(input.providerId !== undefined && { providerId: input.providerId }),
  };
  // Every signed-in role may search; only a citizen has pots, so this is a branch, not a narrowing.
  const [page, pots] = await Promise.all([
    store.searchCourses(filter, input),
    principal.role === 'citizen' ? store.listPots(principal.personId) : Promise.resolve(undefined),
  ]);
  if (pots === undefined) return succeed(pageReply(page, toCourseView));
  const today = dateOf(dependencies.now());
  return succeed(pageReply(page, (course) => toPayableCourseView(course, pots, today)));
}

/**
 * A course with what the citizen's pots would pay for it, summed per scheme (a funder's scheme: two
 * funders' schemes with the same id stay apart), and what they would pay themselves.
 */
function toPayableCourseView(course: Course, pots: readonly Pot[], today: string): z.output<typeof courseView> {
  const allocation = allocate({ amountCents: course.priceCents, category: course.category, today }, pots);
  const byScheme = new Map<string, { schemeId: string; funderId: string; label: string; amount: number }>();
  for (const part of allocation.parts) {
    const label = pots.find((pot) => pot.potId === part.potId)?.label ?? part.schemeId;
    const key = schemeKey(part.funderId, part.schemeId);
    const entry = byScheme.get(key) ?? { schemeId: part.schemeId, funderId: part.funderId, label, amount: 0 };
    entry.amount += part.amountCents;
    byScheme.set(key, entry);
  }
  const payableBy = [...byScheme.values()];
  return { ...toCourseView(course), payableBy, ownContribution: allocation.ownContributionCents };
}
