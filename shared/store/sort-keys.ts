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
export function potExpirySortKey(pot: {
  readonly personId: string;
  readonly potId: string;
  readonly expiresAt: string;
}): string {
  return `${pot.expiresAt}#${pot.personId}#${pot.potId}`;
}

/** Payout file work list order: oldest first. */
export function payoutSortKey(payout: { readonly createdAt: string; readonly payoutId: string }): string {
  return `PAYOUT#${payout.createdAt}#${payout.payoutId}`;
}

/** Audit trail order within a day's partition: by time, then id for a stable tie-break. */
export function auditSortKey(record: { readonly at: string; readonly auditId: string }): string {
  return `${auditSortKeyPrefix}${record.at}#${record.auditId}`;
}

export const auditSortKeyPrefix = 'AUDIT#';

/** The day (`YYYY-MM-DD`) an audit sort key falls on. */
export function auditDayOf(sortKey: string): string {
  return sortKey.slice(auditSortKeyPrefix.length, auditSortKeyPrefix.length + 10);
}

/**
 * The shard of its day's audit partition an entry is written to, from its random id, so the
 * writes of a busy day spread evenly over `limits.auditShards` partitions.
 */
export function auditShard(auditId: string, shards: number): number {
  return potExpiryListShard(auditId, shards);
}
