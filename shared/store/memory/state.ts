import type { ClientRecord } from '../../auth/principal.ts';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { Claim } from '../../ledger/claim.ts';
import type { CourseUse } from '../../ledger/course-use.ts';
import type { Employment } from '../../ledger/employment.ts';
import type { PayoutFile } from '../../ledger/payout.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Course, Payout, Provider } from '../../ledger/provider.ts';
import type { Scheme } from '../../ledger/scheme.ts';
import type { SchemeTotalShard } from '../../ledger/scheme-totals.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import type { IdempotencyRecord, PersonProfile } from '../ledger-store.ts';

/** A scheme total shard that a movement changes in place. */
type MutableShard = { -readonly [K in keyof SchemeTotalShard]: SchemeTotalShard[K] };

/** A recorded payout file and, once its content is written, when. */
interface PayoutFileRecord {
  readonly file: PayoutFile;
  writtenAt?: string;
}

/**
 * Everything the in-memory adapter holds, one map per kind of item, keyed by the `memoryKey` of
 * the item. Values are copies: nothing handed in or out is shared with the caller.
 */
export interface MemoryState {
  readonly clients: Map<string, ClientRecord>;
  readonly schemes: Map<string, Scheme>;
  readonly totals: Map<string, MutableShard>;
  readonly employments: Map<string, Employment>;
  readonly pots: Map<string, Pot>;
  /** Transfers per person, in the order they were written. */
  readonly transfers: Map<string, Transfer[]>;
  readonly idempotency: Map<string, IdempotencyRecord>;
  readonly providers: Map<string, Provider>;
  readonly courses: Map<string, Course>;
  readonly claims: Map<string, Claim>;
  readonly payables: Map<string, number>;
  readonly payouts: Map<string, Payout>;
  /** The pot expiry work list, by pot key; the DynamoDB adapter keeps it in gsi3. */
  readonly potsDue: Set<string>;
  readonly payoutFiles: Map<string, PayoutFileRecord>;
  /** Claims per provider, course and year; the DynamoDB adapter keeps a counter item for each. */
  readonly claimCounts: Map<string, number>;
  /** What each person's pots hold and spent per course; the DynamoDB adapter keeps a counter item for each. */
  readonly courseUse: Map<string, CourseUse>;
  readonly profiles: Map<string, PersonProfile>;
  readonly audit: AuditRecord[];
}

/** An empty ledger. */
export function emptyState(): MemoryState {
  return {
    clients: new Map(),
    schemes: new Map(),
    totals: new Map(),
    employments: new Map(),
    pots: new Map(),
    transfers: new Map(),
    idempotency: new Map(),
    providers: new Map(),
    courses: new Map(),
    claims: new Map(),
    payables: new Map(),
    payouts: new Map(),
    potsDue: new Set(),
    payoutFiles: new Map(),
    claimCounts: new Map(),
    courseUse: new Map(),
    profiles: new Map(),
    audit: [],
  };
}

/**
 * The map keys of the in-memory state. Ids never contain '#', so joining them with it is
 * unambiguous; a prefix up to a '#' selects, say, every shard of one scheme.
 */
export const memoryKey = {
  scheme: (funderId: string, schemeId: string) => `${funderId}#${schemeId}`,
  total: (funderId: string, schemeId: string, shard: number) => `${funderId}#${schemeId}#${shard}`,
  employment: (employerId: string, personId: string) => `${employerId}#${personId}`,
  pot: (personId: string, potId: string) => `${personId}#${potId}`,
  idempotency: (scope: string, key: string) => `${scope}#${key}`,
  course: (providerId: string, courseId: string) => `${providerId}#${courseId}`,
  payable: (providerId: string, shard: number) => `${providerId}#${shard}`,
  claimCount: (providerId: string, courseId: string, year: string) => `${providerId}#${courseId}#${year}`,
  courseUse: (personId: string, providerId: string, courseId: string) => `${personId}#${providerId}#${courseId}`,
};

/** A scheme total shard on which nothing has moved yet. */
export function emptyShard(shard: number): MutableShard {
  return { shard, balanceCents: 0, depositedCents: 0, returnedCents: 0, expiredCents: 0 };
}

/** A copy of a stored value, so the caller cannot change what is stored. */
export function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
