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

/**
 * The shard of the pot expiry work list a person's pots are on, from the person id, so the list
 * spreads over `limits.potExpiryListShards` index partitions and one person's pots stay together.
 */
export function potExpiryListShard(personId: string, shards: number): number {
  // FNV-1a: stable across runs and machines, unlike anything seeded.
  let hash = 0x811c9dc5;
  for (let index = 0; index < personId.length; index += 1) {
    hash ^= personId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** Expiry work list order: by expiry date, then person and pot for a stable tie-break. */
export function potExpirySortKey(pot: { readonly personId: string; readonly potId: string; readonly expiresAt: string }): string {
  return `${pot.expiresAt}#${pot.personId}#${pot.potId}`;
}

/** Payout file work list order: oldest first. */
export function payoutSortKey(payout: { readonly createdAt: string; readonly payoutId: string }): string {
  return `PAYOUT#${payout.createdAt}#${payout.payoutId}`;
}
