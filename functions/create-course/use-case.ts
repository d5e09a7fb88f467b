import type * as z from 'zod/mini';
import { toCourseView } from '../../shared/api/course-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { ProviderStore } from '../../shared/store/ledger-store.ts';
import type { createCourseBody } from './schema.ts';

/** Publishes a course in the catalogue, for an active provider. */
export async function createCourse(
  dependencies: UseCaseDependencies<Pick<ProviderStore, 'getProvider' | 'createCourse'>, 'now'>,
  principal: Principal,
  input: z.output<typeof createCourseBody>,
): Promise<Outcome<Reply>> {
  const providerId = providerIdOf(principal);
  const provider = await dependencies.store.getProvider(providerId);
  if (provider?.status !== 'active') {
    return fail(
      'provider_not_active',
      'Your organisation is not registered as an active training provider, so it cannot publish courses.',
    );
  }
  const course = {
    providerId,
    providerName: provider.name,
    courseId: input.courseId,
    title: input.title,
    category: input.category,
    priceCents: input.price,
    ...(input.startDates !== undefined && { startDates: [...new Set(input.startDates)].sort() }),
    createdAt: dependencies.now().toISOString(),
  };
  if ((await dependencies.store.createCourse(course)) === 'exists') {
    return fail('course_exists', `You already published a course with id ${input.courseId}.`);
  }
  return succeed({ statusCode: 201, body: toCourseView(course) });
}
