import type { AuditRecord } from '../../ledger/audit.ts';
import { limits } from '../../ledger/limits.ts';
import type { Payout } from '../../ledger/provider.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import { type ClaimCounter, InvalidCursorError } from '../ledger-store.ts';
import {
  auditShard,
  auditSortKey,
  listPrefix,
  payoutSortKey,
  providerCourseSortKey,
  schemeSortKey,
  transferSortKey,
} from '../sort-keys.ts';

/**
 * Every key and partition of the one table. Items are grouped by who reads them together: a
 * person's pots share `PERSON#<personId>` (their transfers are listed through gsi5), a
 * provider's payable shards, courses and payouts share `PROVIDER#<providerId>`, so a single
 * Query answers each list.
 */

/** A table key. */
export interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

/** Shard numbers are padded so that they sort as numbers within their partition. */
function padded(shard: number): string {
  return shard.toString().padStart(3, '0');
}

/** The partition of a person's pots and profile, and of their history on gsi5. */
export function personPartition(personId: string): string {
  return `PERSON#${personId}`;
}

/** The partition of a funder's schemes and scheme total shards. */
export function funderPartition(funderId: string): string {
  return `FUNDER#${funderId}`;
}

/** The partition of a provider's record, payable shards, courses, payouts and claim counters. */
export function providerPartition(providerId: string): string {
  return `PROVIDER#${providerId}`;
}

/** The partition of one day's audit trail shard (`day` is `YYYY-MM-DD`). */
export function auditPartition(day: string, shard: number): string {
  return `AUDIT#${day}#${padded(shard)}`;
}

/** The table key of every kind of item. */
export const key = {
  client: (clientId: string): TableKey => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' }),
  scheme: (funderId: string, schemeId: string): TableKey => ({
    pk: funderPartition(funderId),
    sk: schemeSortKey(schemeId),
  }),
  total: (funderId: string, schemeId: string, shard: number): TableKey => ({
    pk: funderPartition(funderId),
    sk: `TOTAL#${schemeId}#${padded(shard)}`,
  }),
  employment: (employerId: string, personId: string): TableKey => ({
    pk: `EMPLOYER#${employerId}`,
    sk: `EMPLOYEE#${personId}`,
  }),
  pot: (personId: string, potId: string): TableKey => ({ pk: personPartition(personId), sk: `POT#${potId}` }),
  /**
   * A job's movement record, by its first transfer: the person, the instant and the id, as a
   * transfer was keyed before records (an expiry's id names its pot and day, so only with the
   * instant is a second expiry of the same pot on the same day a record of its own).
   */
  movement: (transfer: Pick<Transfer, 'personId' | 'at' | 'transferId'>): TableKey => ({
    pk: `MOVEMENT#${transfer.personId}#${transfer.at}#${transfer.transferId}`,
    sk: 'MOVEMENT',
  }),
  idempotency: (scope: string, idempotencyKey: string): TableKey => ({
    pk: `IDEMPOTENCY#${scope}#${idempotencyKey}`,
    sk: 'IDEMPOTENCY',
  }),
  provider: (providerId: string): TableKey => ({ pk: providerPartition(providerId), sk: 'PROVIDER' }),
  payable: (providerId: string, shard: number): TableKey => ({
    pk: providerPartition(providerId),
    sk: `PAYABLE#${padded(shard)}`,
  }),
  course: (providerId: string, courseId: string): TableKey => ({
    pk: providerPartition(providerId),
    sk: providerCourseSortKey(courseId),
  }),
  claim: (claimId: string): TableKey => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' }),
  payout: (payout: Pick<Payout, 'providerId' | 'createdAt' | 'payoutId'>): TableKey => ({
    pk: providerPartition(payout.providerId),
    sk: payoutSortKey(payout),
  }),
  payoutFile: (fileId: string): TableKey => ({ pk: `PAYOUTFILE#${fileId}`, sk: 'PAYOUTFILE' }),
  claimCounter: (counter: Pick<ClaimCounter, 'providerId' | 'courseId' | 'year'>): TableKey => ({
    pk: providerPartition(counter.providerId),
    sk: `CLAIMCOUNT#${counter.courseId}#${counter.year}`,
  }),
  profile: (personId: string): TableKey => ({ pk: personPartition(personId), sk: 'PROFILE' }),
  /** What a person's pots hold and spent for one course (`course-use.ts`), next to the person's pots. */
  courseUse: (personId: string, providerId: string, courseId: string): TableKey => ({
    pk: personPartition(personId),
    sk: `COURSEUSE#${providerId}#${courseId}`,
  }),
  /** An audit entry that records no money (see `movement-record.ts`). */
  auditEntry: (auditId: string): TableKey => ({ pk: `AUDITENTRY#${auditId}`, sk: 'AUDITENTRY' }),
};

/** The gsi4 key of a record with an audit entry: its day's shard of the audit trail, by time. */
export function auditIndexKey(record: Pick<AuditRecord, 'at' | 'auditId'>): { gsi4pk: string; gsi4sk: string } {
  return {
    gsi4pk: auditPartition(record.at.slice(0, 10), auditShard(record.auditId, limits.auditShards)),
    gsi4sk: auditSortKey(record),
  };
}

/** The gsi5 key of a record with transfers: the person's history, by the first transfer's time and id. */
export function transferIndexKey(first: Pick<Transfer, 'personId' | 'at' | 'transferId'>): {
  gsi5pk: string;
  gsi5sk: string;
} {
  return { gsi5pk: personPartition(first.personId), gsi5sk: transferSortKey(first) };
}

/** The sort key prefix of each list that is read from the table itself. */
export const sortKeyPrefix = {
  scheme: listPrefix.scheme,
  total: (schemeId: string) => `TOTAL#${schemeId}#`,
  pot: 'POT#',
  payable: 'PAYABLE#',
  payout: listPrefix.payout,
};

/**
 * The jobs' work lists on gsi3: one partition per claim status a job waits on, the pot expiry
 * list spread over shards, and the payouts and files not yet handled. Items leave a list by
 * losing their gsi3 attributes.
 */
export const workList = {
  claims: (status: string) => `DUE#${status}`,
  pot: (shard: number) => `DUE#pot#${shard}`,
  payout: 'DUE#payout',
  payoutFile: 'DUE#payout-file',
  batch: 'DUE#batch',
};

/** The gsi1 partition of the course catalogue: every course, ordered by title. */
export const catalogPartition = 'CATALOG';

/** The index partitions in which claims are listed. */
export const claimList = {
  provider: (providerId: string) => `PROVIDER#${providerId}#CLAIMS`,
  person: (personId: string) => `PERSON#${personId}#CLAIMS`,
};

/** A claim's table key from its index sort key (`CLAIM#<createdAt>#<claimId>`), as a cursor holds it. */
export function claimKeyFromSortKey(sortKey: string): TableKey {
  const claimId = sortKey.split('#').at(-1);
  if (claimId === undefined || claimId === '') throw new InvalidCursorError();
  return key.claim(claimId);
}

/** A course's table key from its catalogue sort key, as a cursor holds it. */
export function courseKeyFromSortKey(sortKey: string): TableKey {
  // The catalogue sort key ends in the provider and course ids, which never contain '#'.
  const parts = sortKey.split('#');
  const courseId = parts.at(-1);
  const providerId = parts.at(-2);
  if (courseId === undefined || providerId === undefined) throw new InvalidCursorError();
  return key.course(providerId, courseId);
}
