import type { ClientRecord } from '../../auth/principal.ts';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { Claim, ClaimStatus } from '../../ledger/claim.ts';
import type { CourseUse } from '../../ledger/course-use.ts';
import type {
  BatchRowRefusal,
  BatchSettlement,
  ChunkResult,
  DepositBatch,
  DepositBatchChunk,
} from '../../ledger/deposit-batch.ts';
import type { Employment } from '../../ledger/employment.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../../ledger/payout.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Course, Payout, Provider } from '../../ledger/provider.ts';
import type { Scheme } from '../../ledger/scheme.ts';
import type { SchemeTotalShard } from '../../ledger/scheme-totals.ts';
import type { Movement, SchemeTotalChange, Transfer } from '../../ledger/transfer.ts';
import { readThroughCache } from '../../runtime/read-through-cache.ts';
import type {
  AccountRead,
  AuditPeriod,
  BatchRowsResult,
  BatchRowWrite,
  CommitOptions,
  CommitResult,
  DepositBatchStore,
  IdempotencyClaim,
  IdempotencyRecord,
  LedgerStore,
  Page,
  PageRequest,
  PayoutCommitResult,
  PayoutFileCommitResult,
  PersonProfile,
  PotDue,
  ProviderExpected,
  Reconciliation,
} from '../ledger-store.ts';
import * as accounts from './accounts.ts';
import * as auditTrail from './audit-trail.ts';
import * as claims from './claims.ts';
import * as clients from './clients.ts';
import { type DynamoContext, type DynamoLedgerStoreOptions, dynamoContext } from './context.ts';
import * as batches from './deposit-batches.ts';
import * as employments from './employments.ts';
import * as movements from './movement.ts';
import * as payouts from './payouts.ts';
import * as profiles from './profiles.ts';
import * as providers from './providers.ts';
import { reconcile } from './reconcile-scan.ts';
import * as schemes from './schemes.ts';

/** Schemes one store instance keeps at most (a scheme is well under 1 KB). */
const schemeCacheEntriesMax = 10_000;

/**
 * The DynamoDB adapter: one table, prefixed keys (`keys.ts`), and every money movement as one
 * TransactWriteItems (`movement-items.ts`, sent by `transact.ts`). This class only delegates to
 * the module of each concern; it translates SDK errors into result values at this boundary and
 * holds no business rules.
 */
export class DynamoLedgerStore implements LedgerStore, DepositBatchStore {
  private readonly dynamo: DynamoContext;
  /**
   * Schemes this instance has found. A scheme never changes once created (`createScheme` refuses a
   * second one with the same id, and no request edits one), so a found scheme is kept for the
   * life of the instance; one not found is read again. A warm deposit reads no scheme.
   */
  private readonly cachedScheme: (cacheKey: string) => Promise<Scheme | undefined>;

  constructor(options: DynamoLedgerStoreOptions) {
    this.dynamo = dynamoContext(options);
    this.cachedScheme = readThroughCache(
      (cacheKey) => {
        const [funderId, schemeId] = JSON.parse(cacheKey) as [string, string];
        return schemes.getScheme(this.dynamo, funderId, schemeId);
      },
      {
        name: 'scheme cache',
        maxAgeMs: Number.POSITIVE_INFINITY,
        maxEntries: schemeCacheEntriesMax,
        now: () => new Date(),
      },
    );
  }

  putClient(client: ClientRecord): Promise<void> {
    return clients.putClient(this.dynamo, client);
  }

  getClient(clientId: string): Promise<ClientRecord | undefined> {
    return clients.getClient(this.dynamo, clientId);
  }

  createScheme(scheme: Scheme, budgetShardsCents?: readonly number[]): Promise<'created' | 'exists'> {
    return schemes.createScheme(this.dynamo, scheme, budgetShardsCents);
  }

  getScheme(funderId: string, schemeId: string): Promise<Scheme | undefined> {
    return this.cachedScheme(JSON.stringify([funderId, schemeId]));
  }

  listSchemes(funderId: string, page: PageRequest): Promise<Page<Scheme>> {
    return schemes.listSchemes(this.dynamo, funderId, page);
  }

  getSchemeTotals(funderId: string, schemeId: string): Promise<SchemeTotalShard[]> {
    return schemes.getSchemeTotals(this.dynamo, funderId, schemeId);
  }

  getEmployment(employerId: string, personId: string): Promise<Employment | undefined> {
    return employments.getEmployment(this.dynamo, employerId, personId);
  }

  startEmployment(employment: Employment): Promise<'created' | 'exists'> {
    return employments.startEmployment(this.dynamo, employment);
  }

  listPots(personId: string): Promise<Pot[]> {
    return accounts.listPots(this.dynamo, personId);
  }

  readAccount(personId: string): Promise<AccountRead> {
    return accounts.readAccount(this.dynamo, personId);
  }

  listTransfers(personId: string, page: PageRequest): Promise<Page<Transfer>> {
    return accounts.listTransfers(this.dynamo, personId, page);
  }

  listPotsDue(before: string, limit: number): Promise<PotDue[]> {
    return accounts.listPotsDue(this.dynamo, before, limit);
  }

  putProvider(provider: Provider, audit?: AuditRecord, expected?: ProviderExpected): Promise<'written' | 'changed'> {
    return providers.putProvider(this.dynamo, provider, audit, expected);
  }

  getProvider(providerId: string): Promise<Provider | undefined> {
    return providers.getProvider(this.dynamo, providerId);
  }

  createCourse(course: Course): Promise<'created' | 'exists'> {
    return providers.createCourse(this.dynamo, course);
  }

  getCourse(providerId: string, courseId: string): Promise<Course | undefined> {
    return providers.getCourse(this.dynamo, providerId, courseId);
  }

  searchCourses(filter: { readonly q?: string; readonly category?: string }, page: PageRequest): Promise<Page<Course>> {
    return providers.searchCourses(this.dynamo, filter, page);
  }

  getClaim(claimId: string): Promise<Claim | undefined> {
    return claims.getClaim(this.dynamo, claimId);
  }

  listProviderClaims(providerId: string, status: ClaimStatus | undefined, page: PageRequest): Promise<Page<Claim>> {
    return claims.listProviderClaims(this.dynamo, providerId, status, page);
  }

  listPersonClaims(personId: string, page: PageRequest): Promise<Page<Claim>> {
    return claims.listPersonClaims(this.dynamo, personId, page);
  }

  listClaimsDue(
    status: 'awaiting_approval' | 'approved' | 'captured',
    before: string,
    limit: number,
  ): Promise<Claim[]> {
    return claims.listClaimsDue(this.dynamo, status, before, limit);
  }

  getClaimCount(providerId: string, courseId: string, year: string): Promise<number> {
    return claims.getClaimCount(this.dynamo, providerId, courseId, year);
  }

  getCourseUse(personId: string, providerId: string, courseId: string): Promise<CourseUse> {
    return claims.getCourseUse(this.dynamo, personId, providerId, courseId);
  }

  listPayouts(providerId: string, page: PageRequest): Promise<Page<Payout>> {
    return payouts.listPayouts(this.dynamo, providerId, page);
  }

  getPayableShards(providerId: string): Promise<PayableShard[]> {
    return payouts.getPayableShards(this.dynamo, providerId);
  }

  commitPayout(plan: PayoutPlan, audit?: AuditRecord): Promise<PayoutCommitResult> {
    return payouts.commitPayout(this.dynamo, plan, audit);
  }

  listPayoutsUnfiled(limit: number): Promise<Payout[]> {
    return payouts.listPayoutsUnfiled(this.dynamo, limit);
  }

  commitPayoutFile(file: PayoutFile): Promise<PayoutFileCommitResult> {
    return payouts.commitPayoutFile(this.dynamo, file);
  }

  listPayoutFilesUnwritten(limit: number): Promise<PayoutFile[]> {
    return payouts.listPayoutFilesUnwritten(this.dynamo, limit);
  }

  markPayoutFileWritten(fileId: string, at: string): Promise<void> {
    return payouts.markPayoutFileWritten(this.dynamo, fileId, at);
  }

  recordFirstSeen(personId: string, at: string): Promise<void> {
    return profiles.recordFirstSeen(this.dynamo, personId, at);
  }

  getPersonProfile(personId: string): Promise<PersonProfile | undefined> {
    return profiles.getPersonProfile(this.dynamo, personId);
  }

  recordAudit(record: AuditRecord): Promise<void> {
    return auditTrail.recordAudit(this.dynamo, record);
  }

  listAudit(period: AuditPeriod, page: PageRequest): Promise<Page<AuditRecord>> {
    return auditTrail.listAudit(this.dynamo, period, page);
  }

  getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return movements.getIdempotencyRecord(this.dynamo, scope, key);
  }

  commit(movement: Movement, options?: CommitOptions): Promise<CommitResult> {
    return movements.commitMovement(this.dynamo, movement, options);
  }

  reconcile(): Promise<Reconciliation> {
    return reconcile(this.dynamo);
  }

  createDepositBatch(
    batch: DepositBatch,
    chunks: readonly DepositBatchChunk[],
    audit: AuditRecord,
  ): ReturnType<DepositBatchStore['createDepositBatch']> {
    return batches.createDepositBatch(this.dynamo, batch, chunks, audit);
  }

  getDepositBatch(batchId: string): Promise<DepositBatch | undefined> {
    return batches.getDepositBatch(this.dynamo, batchId);
  }

  getDepositBatchChunk(batchId: string, index: number): Promise<DepositBatchChunk | undefined> {
    return batches.getDepositBatchChunk(this.dynamo, batchId, index);
  }

  listDepositBatchChunks(batchId: string): Promise<DepositBatchChunk[]> {
    return batches.listDepositBatchChunks(this.dynamo, batchId);
  }

  prepareDepositBatch(
    batchId: string,
    preparation: NonNullable<DepositBatch['preparation']>,
    refused: readonly BatchRowRefusal[],
    totalChanges: readonly SchemeTotalChange[],
  ): Promise<'prepared' | 'already_prepared' | 'budget_changed' | 'conflict'> {
    return batches.prepareDepositBatch(this.dynamo, batchId, preparation, refused, totalChanges);
  }

  getDepositBatchRefusals(batchId: string): Promise<BatchRowRefusal[]> {
    return batches.getDepositBatchRefusals(this.dynamo, batchId);
  }

  commitBatchRows(rows: readonly BatchRowWrite[]): Promise<BatchRowsResult> {
    return batches.commitBatchRows(this.dynamo, rows);
  }

  listDepositBatchResults(batchId: string): Promise<ChunkResult[]> {
    return batches.listDepositBatchResults(this.dynamo, batchId);
  }

  recordBatchRowRefusals(
    rows: ReadonlyArray<{ readonly row: number; readonly idempotency: IdempotencyClaim }>,
  ): Promise<Map<number, 'paid' | 'refused'>> {
    return batches.recordBatchRowRefusals(this.dynamo, rows);
  }

  completeDepositBatchChunk(batchId: string, result: ChunkResult): Promise<void> {
    return batches.completeDepositBatchChunk(this.dynamo, batchId, result);
  }

  settleDepositBatch(
    batchId: string,
    settlement: BatchSettlement,
    totalChanges: readonly SchemeTotalChange[],
    audit: AuditRecord,
  ): Promise<'settled' | 'already_settled' | 'conflict'> {
    return batches.settleDepositBatch(this.dynamo, batchId, settlement, totalChanges, audit);
  }

  listDepositBatches(funderId: string, page: PageRequest): Promise<Page<DepositBatch>> {
    return batches.listDepositBatches(this.dynamo, funderId, page);
  }

  listDepositBatchesProcessing(limit: number, before?: string): Promise<string[]> {
    return batches.listDepositBatchesProcessing(this.dynamo, limit, before);
  }

  getEmployments(employerId: string, personIds: readonly string[]): Promise<Map<string, Employment>> {
    return employments.getEmployments(this.dynamo, employerId, personIds);
  }
}
