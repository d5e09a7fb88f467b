import type { Claim } from '../ledger/claim.ts';
import type { Course } from '../ledger/provider.ts';

/**
 * Sort keys shared by the adapters, so the in-memory store orders and pages exactly as the
 * DynamoDB indexes do.
 */

/** Catalogue order: by title, then provider and course id for a stable tie-break. */
export function courseSortKey(course: Pick<Course, 'title' | 'providerId' | 'courseId'>): string {
  return `COURSE#${course.title.toLowerCase()}#${course.providerId}#${course.courseId}`;
}

/** Claims list newest first. */
export function claimSortKey(claim: Pick<Claim, 'createdAt' | 'claimId'>): string {
  return `CLAIM#${claim.createdAt}#${claim.claimId}`;
}

/** The deadline a scheduled job watches for a claim in its current status, if any. */
export function claimDeadline(claim: Claim): string | undefined {
  switch (claim.status) {
    case 'awaiting_approval':
      return claim.approveBefore;
    case 'approved':
      return claim.captureBefore;
    case 'captured':
      return claim.updatedAt;
    default:
      return undefined;
  }
}
