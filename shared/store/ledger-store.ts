import type { Reply } from '../application/reply.ts';
import type { ClientRecord } from '../auth/principal.ts';
import type { AuditRecord } from '../ledger/audit.ts';
import type { Claim, ClaimStatus } from '../ledger/claim.ts';
import type { CourseUse } from '../ledger/course-use.ts';
import type {
  BatchRowRefusal,
  BatchSettlement,
  ChunkResult,
  DepositBatch,
  DepositBatchChunk,
} from '../ledger/deposit-batch.ts';
import type { Employment } from '../ledger/employment.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../ledger/payout.ts';
import type { Pot } from '../ledger/pot.ts';
import type { Course, Payout, Provider } from '../ledger/provider.ts';
import type { Scheme } from '../ledger/scheme.ts';
import type { SchemeTotalShard } from '../ledger/scheme-totals.ts';
import type { Movement, SchemeTotalChange, Transfer } from '../ledger/transfer.ts';

/** A page of results and the opaque cursor for the next one (absent on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/** Which page of a list to read: at most `limit` items, after the `cursor` of the page before. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** An idempotency key's first request and the answer it got. */
export interface IdempotencyRecord {
  /** Hash of the request that first used the key; a different hash means the key was reused. */
  readonly requestHash: string;
  /** The answer the request got, kept so a retry gets exactly the same answer. */
  readonly response: Reply;
}

/** The idempotency record to write in the same transaction as the movement. */
export interface IdempotencyClaim extends IdempotencyRecord {
  /** Who chose the key: keys are unique per client, never across clients. */
  readonly scope: string;
  readonly key: string;
  /** When the record was written, from the caller's clock (ISO 8601), so the store reads no clock of its own. */
  readonly createdAt: string;
}

/** What must be written or checked in the same transaction as a movement. */
export interface CommitOptions {
  readonly idempotency?: IdempotencyClaim;
  /** Ends this employment in the same transaction (it must be ongoing). */
  readonly endEmployment?: { readonly employerId: string; readonly personId: string; readonly endDate: string };
  /**
   * Writes this claim in the same transaction: a new claim when `expectedStatus` is absent (it may
   * not exist yet), otherwise only while the stored claim still has `expectedStatus`. This is what
   * makes a reservation resolve at most once.
   */
  readonly claim?: { readonly claim: Claim; readonly expectedStatus?: ClaimStatus };
  /** The provider must be registered and active when the movement is written. */
  readonly requireActiveProvider?: string;
  /**
   * Counts a new claim against its provider's yearly cap for the course, in the same transaction,
   * only while the count is below `max` (`claim_limit_reached` otherwise): concurrent claims can
   * never take the count past the cap.
   */
  readonly claimCounter?: ClaimCounter;
  /** The audit entry for this change, written in the same transaction so it exists exactly when the change does. */
  readonly audit?: AuditRecord;
}

/** A provider's claims for one course in one calendar year. */
export interface ClaimCounter {
  readonly providerId: string;
  readonly courseId: string;
  /** `YYYY`, UTC. */
  readonly year: string;
  readonly max: number;
}

/** What is known about a citizen who has used the service; never a BSN. */
export interface PersonProfile {
  /** The first time the citizen was seen logged in. */
  readonly firstSeenAt: string;
}

/** The period of an audit listing: whole UTC days, both inclusive. */
export interface AuditPeriod {
  /** `YYYY-MM-DD` */
  readonly from: string;
  /** `YYYY-MM-DD`, not before `from`. */
  readonly to: string;
}

/**
 * What writing a movement came to. Every kind but `committed` means nothing was written.
 * - `key_exists`: the idempotency key was used before; the caller compares the stored hash.
 * - `insufficient_funds` / `budget_exceeded` / `not_employed` / `employment_changed`: a condition
 *   that held when the movement was planned no longer holds; the caller re-reads and re-plans.
 * - `course_use_changed`: other claims for the same person and course took what the limits per
 *   course (a scheme's maximum, the price) left; the caller re-reads and re-plans.
 * - `conflict`: another transaction touched the same items at the same moment; try again.
 */
export type CommitResult =
  | { readonly kind: 'committed' }
  | { readonly kind: 'key_exists'; readonly record: IdempotencyRecord }
  | { readonly kind: 'insufficient_funds' }
  | { readonly kind: 'budget_exceeded' }
  | { readonly kind: 'not_employed' }
  | { readonly kind: 'employment_changed' }
  | { readonly kind: 'claim_changed' }
  | { readonly kind: 'provider_not_active' }
  | { readonly kind: 'claim_limit_reached' }
  | { readonly kind: 'course_use_changed' }
  | { readonly kind: 'conflict' };

/** What writing a payout came to; every kind but `committed` means nothing was written. */
export type PayoutCommitResult = Extract<
  CommitResult,
  { readonly kind: 'committed' | 'claim_changed' | 'insufficient_funds' | 'conflict' }
>;

/**
 * What recording a payout file came to; every kind but `committed` means nothing was written.
 * - `payouts_taken`: these payouts are in another file already (another run got there first).
 */
export type PayoutFileCommitResult =
  | { readonly kind: 'committed' }
  | { readonly kind: 'payouts_taken'; readonly payoutIds: readonly string[] }
  | { readonly kind: 'conflict' };

/** The outcome of checking the whole ledger; see {@link ReconciliationStore.reconcile}. */
export interface Reconciliation {
  /** True when all balances sum to zero and every stored balance equals the sum of its ledger entries. */
  readonly balanced: boolean;
  readonly accounts: number;
  readonly transfers: number;
  /** Sum of every account balance, in cents. Must be 0. */
  readonly sum: number;
  /** Accounts whose stored balance differs from what their transfers add up to. */
  readonly mismatchedAccounts: readonly string[];
}

/** Registered API clients (`CLIENT#<clientId>` items), read by the authorizer. */
export interface ClientStore {
  putClient(client: ClientRecord): Promise<void>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
}

/** Funders' schemes and the sharded totals (and budgets) kept per scheme. */
export interface SchemeStore {
  /** Creates a scheme and, when it has a budget, its budget shards. `exists` when the funder already has this id. */
  createScheme(scheme: Scheme, budgetShardsCents?: readonly number[]): Promise<'created' | 'exists'>;
  getScheme(funderId: string, schemeId: string): Promise<Scheme | undefined>;
  listSchemes(funderId: string, page: PageRequest): Promise<Page<Scheme>>;
  getSchemeTotals(funderId: string, schemeId: string): Promise<SchemeTotalShard[]>;
}

/** Employments, which an employer's deposits require; ending one goes through {@link MovementStore.commit}. */
export interface EmploymentStore {
  getEmployment(employerId: string, personId: string): Promise<Employment | undefined>;
  /** Starts an employment; replaces an ended one. `exists` when an ongoing one is already registered. */
  startEmployment(employment: Employment): Promise<'created' | 'exists'>;
}

/**
 * A person's pots and transfers, and the pot expiry work list; money in them moves through
 * {@link MovementStore.commit}.
 */
export interface AccountStore {
  listPots(personId: string): Promise<Pot[]>;
  /** The person's pots and when they were first seen, in one read (the balance overview's). */
  readAccount(personId: string): Promise<AccountRead>;
  /** The person's transfers, newest first. */
  listTransfers(personId: string, page: PageRequest): Promise<Page<Transfer>>;
  /**
   * Pots on the expiry work list whose expiry date is before `before` (`YYYY-MM-DD`), earliest
   * first. A pot with an expiry date joins the list when money becomes available in it and leaves
   * it when an expiry takes everything available (see `PotChange.takesAllAvailable`). The list
   * names the pots; what they hold is read with `listPots`, so the list need not be rewritten
   * each time a pot's balance changes.
   */
  listPotsDue(before: string, limit: number): Promise<PotDue[]>;
}

/** What the balance overview reads: the pots, and the first visit when one was noted. */
export interface AccountRead {
  readonly pots: Pot[];
  readonly firstSeenAt?: string;
}

/** A pot on the expiry work list: which pot, and when its money expires. */
export interface PotDue {
  readonly personId: string;
  readonly potId: string;
  readonly expiresAt: string;
}

/** The provider a registration read: none, or the one stored at `updatedAt`. */
export type ProviderExpected = 'absent' | { readonly updatedAt: string };

/** What a course search asks for; each field narrows it. */
export interface CourseFilter {
  readonly q?: string;
  readonly category?: string;
  /** Only this provider's courses, read from its own partition, by course id. */
  readonly providerId?: string;
}

/** Training providers and their course catalogue. */
export interface ProviderStore {
  /**
   * Registers or updates a provider; with `audit`, the entry is written in the same transaction.
   * With `expected`, only while the stored provider is still the one read (`absent`: none yet;
   * otherwise the one with that `updatedAt`), so an audit entry's "from" is what was replaced:
   * `changed` when it is not.
   */
  putProvider(provider: Provider, audit?: AuditRecord, expected?: ProviderExpected): Promise<'written' | 'changed'>;
  getProvider(providerId: string): Promise<Provider | undefined>;
  /** Publishes a course; `exists` when the provider already has this course id. */
  createCourse(course: Course): Promise<'created' | 'exists'>;
  getCourse(providerId: string, courseId: string): Promise<Course | undefined>;
  /**
   * Courses whose title contains `q` (case-insensitive) and, when given, of `category`: the whole
   * catalogue by title, or with `providerId` that provider's courses by course id.
   */
  searchCourses(filter: CourseFilter, page: PageRequest): Promise<Page<Course>>;
}

/** Claims and their yearly counters; a claim is written with its money through {@link MovementStore.commit}. */
export interface ClaimStore {
  getClaim(claimId: string): Promise<Claim | undefined>;
  /** A provider's claims, newest first, optionally of one status. */
  listProviderClaims(providerId: string, status: ClaimStatus | undefined, page: PageRequest): Promise<Page<Claim>>;
  /** The claims addressed to a person, newest first. */
  listPersonClaims(personId: string, page: PageRequest): Promise<Page<Claim>>;
  /**
   * Claims whose deadline for their status has passed (`awaiting_approval`: approveBefore;
   * `approved`: captureBefore), or every `captured` claim (for payouts), oldest deadline first.
   */
  listClaimsDue(status: 'awaiting_approval' | 'approved' | 'captured', before: string, limit: number): Promise<Claim[]>;
  /** How many claims a provider has made for a course in a year (`YYYY`); 0 when none. */
  getClaimCount(providerId: string, courseId: string, year: string): Promise<number>;
  /**
   * What a person's pots hold and have spent for one course, over all the person's claims for it
   * (`course-use.ts`); nothing used when there is no counter yet.
   */
  getCourseUse(personId: string, providerId: string, courseId: string): Promise<CourseUse>;
}

/** What providers are owed, the payouts that pay them, and the SEPA files the payouts go out in. */
export interface PayoutStore {
  /** A provider's payouts, newest first. */
  listPayouts(providerId: string, page: PageRequest): Promise<Page<Payout>>;
  /** The shards of a provider's payable account: what is owed for captured claims not yet paid. */
  getPayableShards(providerId: string): Promise<PayableShard[]>;
  /**
   * Writes a payout as one transaction: the payout record (which must not exist yet), each claim
   * as `paid` only while it is still `captured` (`claim_changed` otherwise), and the payable
   * shards, each only while it covers what is taken (`insufficient_funds` otherwise).
   */
  commitPayout(plan: PayoutPlan, audit?: AuditRecord): Promise<PayoutCommitResult>;
  /** Payouts not yet in a SEPA file, oldest first. */
  listPayoutsUnfiled(limit: number): Promise<Payout[]>;
  /**
   * Records a SEPA file as one transaction: the file record (which must not exist yet) and its id
   * on every payout in it, only while none of them is in a file yet. Each payout also takes the
   * creditor name and IBAN of its entry, which differ from the payout's own only for a payout that
   * was held out of files and is paid to its provider's corrected registration.
   */
  commitPayoutFile(file: PayoutFile): Promise<PayoutFileCommitResult>;
  /** Recorded files whose content has not been written yet, oldest first. */
  listPayoutFilesUnwritten(limit: number): Promise<PayoutFile[]>;
  /**
   * Notes that a recorded file has been written, so no later run writes it again. `at` (ISO 8601)
   * comes from the caller's clock; a second call keeps the first time.
   */
  markPayoutFileWritten(fileId: string, at: string): Promise<void>;
}

/** What is kept about a citizen who has used the service. */
export interface ProfileStore {
  /** Notes that a citizen was seen, the first time only: a later call changes nothing. */
  recordFirstSeen(personId: string, at: string): Promise<void>;
  getPersonProfile(personId: string): Promise<PersonProfile | undefined>;
}

/** The audit trail; entries of changes are written with the change, refusals on their own. */
export interface AuditStore {
  /** Writes one audit entry on its own: for refusals, which change nothing else. */
  recordAudit(record: AuditRecord): Promise<void>;
  /** Audit entries of the period, oldest first (by `at`, then `auditId`). */
  listAudit(period: AuditPeriod, page: PageRequest): Promise<Page<AuditRecord>>;
}

/** The idempotency records of money-moving requests; they are written by {@link MovementStore.commit}. */
export interface IdempotencyStore {
  getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
}

/** Writes a money movement, with everything that must change with it, as one all-or-nothing transaction. */
export interface MovementStore {
  commit(movement: Movement, options?: CommitOptions): Promise<CommitResult>;
}

/** Checks the whole ledger; reads every item, so for jobs and tests, never for a request. */
export interface ReconciliationStore {
  /** Sums every account and checks each stored balance against the ledger. */
  reconcile(): Promise<Reconciliation>;
}

/** A batch row's deposit as the store writes it: the movement, its record's key and its audit entry. */
export interface BatchRowWrite {
  readonly row: number;
  readonly movement: Movement;
  readonly idempotency: IdempotencyClaim;
  readonly audit: AuditRecord;
}

/** What writing a group of batch rows came to; a refused group wrote nothing. */
export type BatchRowsResult =
  | { readonly kind: 'committed' }
  /**
   * Rows whose record exists (decided by another delivery: paid, or refused), or whose employment
   * has ended; the group wrote nothing.
   */
  | {
      readonly kind: 'refused';
      readonly paidBefore: readonly number[];
      readonly refusedBefore: readonly number[];
      readonly notEmployed: readonly number[];
    }
  /** Another writer touched an item at the same time; try again. */
  | { readonly kind: 'conflict' };

/**
 * Deposit batches (`ledger/deposit-batch.ts`): the batch and its chunks, its start, its rows'
 * deposits in groups, and its end. Every write is conditional, so a redelivered message or a
 * second worker changes nothing twice.
 */
export interface DepositBatchStore {
  /** Stores a new batch, its chunks and its audit entry at once; an existing batch of this id is handed back. */
  createDepositBatch(
    batch: DepositBatch,
    chunks: readonly DepositBatchChunk[],
    audit: AuditRecord,
  ): Promise<{ readonly kind: 'created' } | { readonly kind: 'exists'; readonly batch: DepositBatch }>;
  getDepositBatch(batchId: string): Promise<DepositBatch | undefined>;
  getDepositBatchChunk(batchId: string, index: number): Promise<DepositBatchChunk | undefined>;
  /** Every chunk of the batch, in order, read strongly consistent. */
  listDepositBatchChunks(batchId: string): Promise<DepositBatchChunk[]>;
  /** The results of the chunks that are done, in chunk order, read strongly consistent. */
  listDepositBatchResults(batchId: string): Promise<ChunkResult[]>;
  /**
   * Writes the batch's start with its reservation, unless it has one; `budget_changed` when a shard
   * no longer covers it, `conflict` when another transaction held one of its items (nothing written).
   */
  prepareDepositBatch(
    batchId: string,
    preparation: NonNullable<DepositBatch['preparation']>,
    refused: readonly BatchRowRefusal[],
    totalChanges: readonly SchemeTotalChange[],
  ): Promise<'prepared' | 'already_prepared' | 'budget_changed' | 'conflict'>;
  /** The rows the batch's start refused (empty before it started). */
  getDepositBatchRefusals(batchId: string): Promise<BatchRowRefusal[]>;
  /** Writes a group of rows as one transaction (see {@link BatchRowsResult}). */
  commitBatchRows(rows: readonly BatchRowWrite[]): Promise<BatchRowsResult>;
  /**
   * Records rows refused while paying, each only while the row has no record; answers the decision
   * that stands per row (`paid` when another delivery paid it first).
   */
  recordBatchRowRefusals(
    rows: ReadonlyArray<{ readonly row: number; readonly idempotency: IdempotencyClaim }>,
  ): Promise<Map<number, 'paid' | 'refused'>>;
  /** Records a chunk's result unless it has one; the first result stands. */
  completeDepositBatchChunk(batchId: string, result: ChunkResult): Promise<void>;
  /**
   * Writes the batch's end with what goes back to the funder, unless it has ended; `conflict` when
   * another transaction held one of its items (nothing written).
   */
  settleDepositBatch(
    batchId: string,
    settlement: BatchSettlement,
    totalChanges: readonly SchemeTotalChange[],
    audit: AuditRecord,
  ): Promise<'settled' | 'already_settled' | 'conflict'>;
  /** The organisation's batches, newest first. */
  listDepositBatches(funderId: string, page: PageRequest): Promise<Page<DepositBatch>>;
  /** Ids of batches still processing that were sent before `before` (all when omitted), oldest first. */
  listDepositBatchesProcessing(limit: number, before?: string): Promise<string[]>;
  /** The employments of these persons with this employer, read strongly consistent; a missing one is absent. */
  getEmployments(employerId: string, personIds: readonly string[]): Promise<Map<string, Employment>>;
}

/**
 * The storage port. Adapters only read and write; every rule lives in the domain. Each money
 * movement is written by `commit` as one all-or-nothing transaction. A use case that needs only
 * part of the store may ask for the narrow interface of its concern instead.
 */
export interface LedgerStore
  extends ClientStore,
    SchemeStore,
    EmploymentStore,
    AccountStore,
    ProviderStore,
    ClaimStore,
    PayoutStore,
    ProfileStore,
    AuditStore,
    IdempotencyStore,
    MovementStore,
    ReconciliationStore {}

/** Thrown for a cursor that this store did not hand out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this list. Start again without a cursor.');
    this.name = 'InvalidCursorError';
  }
}
