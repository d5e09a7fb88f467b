import type { Claim } from '../ledger/claim.ts';
import type { Course } from '../ledger/provider.ts';

/**
 * Sort keys shared by the adapters, so the in-memory store orders and pages exactly as the
 * DynamoDB indexes do. A cursor holds a sort key, so cursors only agree between the adapters
 * because both build their sort keys here.
 */

/** Orders strings by code unit, as DynamoDB orders string sort keys. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The prefix every sort key of a paged list starts with; a cursor must start with its list's prefix. */
export const listPrefix = {
  scheme: 'SCHEME#',
  transfer: 'TX#',
  course: 'COURSE#',
  claim: 'CLAIM#',
  payout: 'PAYOUT#',
} as const;

/** A funder's schemes, by id. */
export function schemeSortKey(schemeId: string): string {
  return `${listPrefix.scheme}${schemeId}`;
}

/** A person's transfers, by time, then id for a stable tie-break. */
export function transferSortKey(transfer: { readonly at: string; readonly transferId: string }): string {
  return `${listPrefix.transfer}${transfer.at}#${transfer.transferId}`;
}

/** A provider's own courses, by course id: a course's sort key in its provider's partition. */
export function providerCourseSortKey(courseId: string): string {
  return `${listPrefix.course}${courseId}`;
}

/** Catalogue order: by title, then provider and course id for a stable tie-break. */
export function courseSortKey(course: Pick<Course, 'title' | 'providerId' | 'courseId'>): string {
  return `${listPrefix.course}${course.title.toLowerCase()}#${course.providerId}#${course.courseId}`;
}

/** Claims list newest first. */
export function claimSortKey(claim: Pick<Claim, 'createdAt' | 'claimId'>): string {
  return `${listPrefix.claim}${claim.createdAt}#${claim.claimId}`;
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

/** Claims due order on a status's work list: by deadline, then id for a stable tie-break; none in a final state. */
export function claimDueSortKey(claim: Claim): string | undefined {
  const deadline = claimDeadline(claim);
  return deadline === undefined ? undefined : `${deadline}#${claim.claimId}`;
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

/** A provider's payouts and the unfiled payout work list: by creation time, then id for a stable tie-break. */
export function payoutSortKey(payout: { readonly createdAt: string; readonly payoutId: string }): string {
  return `${listPrefix.payout}${payout.createdAt}#${payout.payoutId}`;
}

/** Payout file work list order: oldest first, then id for a stable tie-break. */
export function payoutFileSortKey(file: { readonly createdAt: string; readonly fileId: string }): string {
  return `${file.createdAt}#${file.fileId}`;
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
