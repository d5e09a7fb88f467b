import type { ClientRecord } from '../../auth/principal.ts';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { Claim, ClaimStatus } from '../../ledger/claim.ts';
import { type CourseUse, noCourseUse } from '../../ledger/course-use.ts';
import type { Employment } from '../../ledger/employment.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../../ledger/payout.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Course, Payout, Provider } from '../../ledger/provider.ts';
import type { Scheme } from '../../ledger/scheme.ts';
import type { SchemeTotalShard } from '../../ledger/scheme-totals.ts';
import type { Movement, Transfer } from '../../ledger/transfer.ts';
import type {
  AccountRead,
  AuditPeriod,
  CommitOptions,
  CommitResult,
  CourseFilter,
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
import * as auditTrail from './audit-trail.ts';
import { commitMovement } from './movement.ts';
import * as payouts from './payouts.ts';
import * as queries from './queries.ts';
import { reconcile } from './reconcile-state.ts';
import * as records from './records.ts';
import { copy, emptyState, type MemoryState, memoryKey } from './state.ts';

/**
 * The in-memory adapter, for fast unit tests. It keeps the same all-or-nothing semantics as the
 * DynamoDB adapter: every condition is checked before anything changes, and JavaScript's single
 * thread makes each commit atomic. This class only delegates to the module of each concern; the
 * methods are `async` so that a thrown error reaches the caller as a rejection, as it does there.
 */
export class MemoryLedgerStore implements LedgerStore {
  private readonly state: MemoryState = emptyState();

  async putClient(client: ClientRecord): Promise<void> {
    records.putClient(this.state, client);
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    return copy(this.state.clients.get(clientId));
  }

  async createScheme(scheme: Scheme, budgetShardsCents?: readonly number[]): Promise<'created' | 'exists'> {
    return records.createScheme(this.state, scheme, budgetShardsCents);
  }

  async getScheme(funderId: string, schemeId: string): Promise<Scheme | undefined> {
    return copy(this.state.schemes.get(memoryKey.scheme(funderId, schemeId)));
  }

  async listSchemes(funderId: string, page: PageRequest): Promise<Page<Scheme>> {
    return queries.listSchemes(this.state, funderId, page);
  }

  async getSchemeTotals(funderId: string, schemeId: string): Promise<SchemeTotalShard[]> {
    return queries.getSchemeTotals(this.state, funderId, schemeId);
  }

  async getEmployment(employerId: string, personId: string): Promise<Employment | undefined> {
    return copy(this.state.employments.get(memoryKey.employment(employerId, personId)));
  }

  async startEmployment(employment: Employment): Promise<'created' | 'exists'> {
    return records.startEmployment(this.state, employment);
  }

  async listPots(personId: string): Promise<Pot[]> {
    return queries.listPots(this.state, personId);
  }

  async readAccount(personId: string): Promise<AccountRead> {
    const profile = this.state.profiles.get(personId);
    return {
      pots: queries.listPots(this.state, personId),
      ...(profile !== undefined && { firstSeenAt: profile.firstSeenAt }),
    };
  }

  async listTransfers(personId: string, page: PageRequest): Promise<Page<Transfer>> {
    return queries.listTransfers(this.state, personId, page);
  }

  async listPotsDue(before: string, limit: number): Promise<PotDue[]> {
    return queries.listPotsDue(this.state, before, limit);
  }

  async putProvider(
    provider: Provider,
    audit?: AuditRecord,
    expected?: ProviderExpected,
  ): Promise<'written' | 'changed'> {
    return records.putProvider(this.state, provider, audit, expected);
  }

  async getProvider(providerId: string): Promise<Provider | undefined> {
    return copy(this.state.providers.get(providerId));
  }

  async createCourse(course: Course): Promise<'created' | 'exists'> {
    return records.createCourse(this.state, course);
  }

  async getCourse(providerId: string, courseId: string): Promise<Course | undefined> {
    return copy(this.state.courses.get(memoryKey.course(providerId, courseId)));
  }

  async searchCourses(filter: CourseFilter, page: PageRequest): Promise<Page<Course>> {
    return queries.searchCourses(this.state, filter, page);
  }

  async getClaim(claimId: string): Promise<Claim | undefined> {
    return copy(this.state.claims.get(claimId));
  }

  async listProviderClaims(
    providerId: string,
    status: ClaimStatus | undefined,
    page: PageRequest,
  ): Promise<Page<Claim>> {
    return queries.listProviderClaims(this.state, providerId, status, page);
  }

  async listPersonClaims(personId: string, page: PageRequest): Promise<Page<Claim>> {
    return queries.listPersonClaims(this.state, personId, page);
  }

  async listClaimsDue(
    status: 'awaiting_approval' | 'approved' | 'captured',
    before: string,
    limit: number,
  ): Promise<Claim[]> {
    return queries.listClaimsDue(this.state, status, before, limit);
  }

  async getClaimCount(providerId: string, courseId: string, year: string): Promise<number> {
    return this.state.claimCounts.get(memoryKey.claimCount(providerId, courseId, year)) ?? 0;
  }

  async getCourseUse(personId: string, providerId: string, courseId: string): Promise<CourseUse> {
    return structuredClone(
      this.state.courseUse.get(memoryKey.courseUse(personId, providerId, courseId)) ?? noCourseUse,
    );
  }

  async listPayouts(providerId: string, page: PageRequest): Promise<Page<Payout>> {
    return payouts.listPayouts(this.state, providerId, page);
  }

  async getPayableShards(providerId: string): Promise<PayableShard[]> {
    return payouts.getPayableShards(this.state, providerId);
  }

  async commitPayout(plan: PayoutPlan, audit?: AuditRecord): Promise<PayoutCommitResult> {
    return payouts.commitPayout(this.state, plan, audit);
  }

  async listPayoutsUnfiled(limit: number): Promise<Payout[]> {
    return payouts.listPayoutsUnfiled(this.state, limit);
  }

  async commitPayoutFile(file: PayoutFile): Promise<PayoutFileCommitResult> {
    return payouts.commitPayoutFile(this.state, file);
  }

  async listPayoutFilesUnwritten(limit: number): Promise<PayoutFile[]> {
    return payouts.listPayoutFilesUnwritten(this.state, limit);
  }

  async markPayoutFileWritten(fileId: string, at: string): Promise<void> {
    payouts.markPayoutFileWritten(this.state, fileId, at);
  }

  async recordFirstSeen(personId: string, at: string): Promise<void> {
    records.recordFirstSeen(this.state, personId, at);
  }

  async getPersonProfile(personId: string): Promise<PersonProfile | undefined> {
    return copy(this.state.profiles.get(personId));
  }

  async recordAudit(record: AuditRecord): Promise<void> {
    auditTrail.recordAudit(this.state, record);
  }

  async listAudit(period: AuditPeriod, page: PageRequest): Promise<Page<AuditRecord>> {
    return auditTrail.listAudit(this.state, period, page);
  }

  async getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return copy(this.state.idempotency.get(memoryKey.idempotency(scope, key)));
  }

  async commit(movement: Movement, options?: CommitOptions): Promise<CommitResult> {
    return commitMovement(this.state, movement, options);
  }

  async reconcile(): Promise<Reconciliation> {
    return reconcile(this.state);
  }
}
