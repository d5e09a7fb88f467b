import type { Claim } from '../ledger/claim.ts';
import type { CourseLimit } from '../ledger/course-use.ts';
import type { ClaimStore, ProviderStore } from '../store/ledger-store.ts';

/**
 * The limits a claim's split is held to beyond the claim itself: its course's price and what the
 * person's pots already hold and spent for that course (`course-use.ts`). The approval and its
 * preview both read it, so they cannot differ. A course is never deleted; should it be missing,
 * the claim's own amount (which was checked against the price when the claim was made) stands in.
 */
export async function courseLimitOf(
  store: Pick<ClaimStore, 'getCourseUse'> & Pick<ProviderStore, 'getCourse'>,
  claim: Pick<Claim, 'personId' | 'providerId' | 'courseId' | 'amountCents'>,
): Promise<CourseLimit> {
  const [course, used] = await Promise.all([
    store.getCourse(claim.providerId, claim.courseId),
    store.getCourseUse(claim.personId, claim.providerId, claim.courseId),
  ]);
  return { priceCents: course?.priceCents ?? claim.amountCents, used };
}
