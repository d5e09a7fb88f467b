import type { ClientRecord } from '../auth/principal.ts';
import type { AuditRecord } from '../ledger/audit.ts';
import { funderAccount, potAccount, providerAccount } from '../ledger/accounts.ts';
import { auditDayOf, auditSortKey, auditSortKeyPrefix, claimDeadline, claimSortKey, courseSortKey, payoutSortKey, potExpirySortKey } from './sort-keys.ts';
import type { Claim, ClaimStatus } from '../ledger/claim.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../ledger/payout.ts';
import type { Course, Payout, Provider } from '../ledger/provider.ts';
import type { Employment } from '../ledger/employment.ts';
import { limits } from '../ledger/limits.ts';
import type { Pot } from '../ledger/pot.ts';
import type { Scheme } from '../ledger/scheme.ts';
import type { SchemeTotalShard } from '../ledger/scheme-totals.ts';
import { assertTouchesEachItemOnce, type Movement, type Transfer } from '../ledger/transfer.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type {
  AuditPeriod,
  CommitOptions,
  CommitResult,
  IdempotencyRecord,
  LedgerStore,
  Page,
  PageRequest,
  PayoutCommitResult,
  PayoutFileCommitResult,
  PersonProfile,
  Reconciliation,
} from './ledger-store.ts';
import { reconcileBalances } from './reconcile.ts';

type MutableShard = { -readonly [K in keyof SchemeTotalShard]: SchemeTotalShard[K] };

/**
 * The in-memory adapter, for fast unit tests. It keeps the same all-or-nothing semantics as the
 * DynamoDB adapter: every condition is checked before anything changes, and JavaScript's single
 * thread makes each commit atomic.
 */
export class MemoryLedgerStore implements LedgerStore {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly schemes = new Map<string, Scheme>();
  private readonly totals = new Map<string, MutableShard>();
  private readonly employments = new Map<string, Employment>();
  private readonly pots = new Map<string, Pot>();
  private readonly transfers = new Map<string, Transfer[]>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly providers = new Map<string, Provider>();
  private readonly courses = new Map<string, Course>();
  private readonly claims = new Map<string, Claim>();
  private readonly payables = new Map<string, number>();
  private readonly payouts = new Map<string, Payout>();
  /** The pot expiry work list, by pot key; the DynamoDB adapter keeps it in gsi3. */
  private readonly potsDue = new Set<string>();
  private readonly payoutFiles = new Map<string, { file: PayoutFile; writtenAt?: string }>();
  /** Claims per provider, course and year; the DynamoDB adapter keeps a counter item for each. */
  private readonly claimCounts = new Map<string, number>();
  private readonly profiles = new Map<string, PersonProfile>();
  private readonly audit: AuditRecord[] = [];

  async putClient(client: ClientRecord): Promise<void> {
    this.clients.set(client.clientId, structuredClone(client));
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    return copy(this.clients.get(clientId));
  }

  async createScheme(scheme: Scheme, budgetShardsCents?: readonly number[]): Promise<'created' | 'exists'> {
    const key = schemeKey(scheme.funder.funderId, scheme.schemeId);
    if (this.schemes.has(key)) return 'exists';
    this.schemes.set(key, structuredClone(scheme));
    budgetShardsCents?.forEach((budgetRemainingCents, shard) => {
      this.totals.set(`${key}#${shard}`, { ...emptyShard(shard), budgetRemainingCents });
    });
    return 'created';
  }

  async getScheme(funderId: string, schemeId: string): Promise<Scheme | undefined> {
    return copy(this.schemes.get(schemeKey(funderId, schemeId)));
  }

  async listSchemes(funderId: string, page: PageRequest): Promise<Page<Scheme>> {
    const all = [...this.schemes.values()]
      .filter((scheme) => scheme.funder.funderId === funderId)
      .map((scheme) => ({ sortKey: `SCHEME#${scheme.schemeId}`, item: scheme }))
      .sort((a, b) => compare(a.sortKey, b.sortKey));
    return paginate(all, page, 'SCHEME#', 'ascending');
  }

  async getSchemeTotals(funderId: string, schemeId: string): Promise<SchemeTotalShard[]> {
    const prefix = `${schemeKey(funderId, schemeId)}#`;
    return [...this.totals.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, shard]) => ({ ...shard }))
      .sort((a, b) => a.shard - b.shard);
  }

  async getEmployment(employerId: string, personId: string): Promise<Employment | undefined> {
    return copy(this.employments.get(`${employerId}#${personId}`));
  }

  async startEmployment(employment: Employment): Promise<'created' | 'exists'> {
    const key = `${employment.employerId}#${employment.personId}`;
    const existing = this.employments.get(key);
    if (existing !== undefined && existing.endDate === undefined) return 'exists';
    this.employments.set(key, structuredClone(employment));
    return 'created';
  }

  async listPots(personId: string): Promise<Pot[]> {
    return [...this.pots.values()]
      .filter((pot) => pot.personId === personId)
      .sort((a, b) => compare(a.potId, b.potId))
      .map((pot) => structuredClone(pot));
  }

  async listTransfers(personId: string, page: PageRequest): Promise<Page<Transfer>> {
    const all = (this.transfers.get(personId) ?? [])
      .map((transfer) => ({ sortKey: `TX#${transfer.at}#${transfer.transferId}`, item: transfer }))
      .sort((a, b) => compare(b.sortKey, a.sortKey));
    return paginate(all, page, 'TX#', 'descending');
  }

  async putProvider(provider: Provider, audit?: AuditRecord): Promise<void> {
    this.providers.set(provider.providerId, structuredClone(provider));
    if (audit !== undefined) this.audit.push(structuredClone(audit));
  }

  async getProvider(providerId: string): Promise<Provider | undefined> {
    return copy(this.providers.get(providerId));
  }

  async createCourse(course: Course): Promise<'created' | 'exists'> {
    const key = `${course.providerId}#${course.courseId}`;
    if (this.courses.has(key)) return 'exists';
    this.courses.set(key, structuredClone(course));
    return 'created';
  }

  async getCourse(providerId: string, courseId: string): Promise<Course | undefined> {
    return copy(this.courses.get(`${providerId}#${courseId}`));
  }

  async searchCourses(filter: { readonly q?: string; readonly category?: string }, page: PageRequest): Promise<Page<Course>> {
    const q = filter.q?.toLowerCase();
    const all = [...this.courses.values()]
      .filter((course) => (q === undefined || course.title.toLowerCase().includes(q)) && (filter.category === undefined || course.category === filter.category))
      .map((course) => ({ sortKey: courseSortKey(course), item: course }))
      .sort((a, b) => compare(a.sortKey, b.sortKey));
    return paginate(all, page, 'COURSE#', 'ascending');
  }

  async getClaim(claimId: string): Promise<Claim | undefined> {
    return copy(this.claims.get(claimId));
  }

  async listProviderClaims(providerId: string, status: ClaimStatus | undefined, page: PageRequest): Promise<Page<Claim>> {
    const all = [...this.claims.values()]
      .filter((claim) => claim.providerId === providerId && (status === undefined || claim.status === status))
      .map((claim) => ({ sortKey: claimSortKey(claim), item: claim }))
      .sort((a, b) => compare(b.sortKey, a.sortKey));
    return paginate(all, page, 'CLAIM#', 'descending');
  }

  async listPersonClaims(personId: string, page: PageRequest): Promise<Page<Claim>> {
    const all = [...this.claims.values()]
      .filter((claim) => claim.personId === personId)
      .map((claim) => ({ sortKey: claimSortKey(claim), item: claim }))
      .sort((a, b) => compare(b.sortKey, a.sortKey));
    return paginate(all, page, 'CLAIM#', 'descending');
  }

  async listClaimsDue(status: 'awaiting_approval' | 'approved' | 'captured', before: string, limit: number): Promise<Claim[]> {
    return [...this.claims.values()]
      .filter((claim) => claim.status === status && (claimDeadline(claim) ?? '') < before)
      .sort((a, b) => compare(claimDeadline(a) ?? '', claimDeadline(b) ?? ''))
      .slice(0, limit)
      .map((claim) => structuredClone(claim));
  }

  async listPotsDue(before: string, limit: number): Promise<Pot[]> {
    return [...this.potsDue]
      .map((key) => this.pots.get(key))
      .filter((pot): pot is Pot & { expiresAt: string } => pot?.expiresAt !== undefined && pot.expiresAt < before)
      .sort((a, b) => compare(potExpirySortKey(a), potExpirySortKey(b)))
      .slice(0, limit)
      .map((pot) => structuredClone(pot));
  }

  async getPayableShards(providerId: string): Promise<PayableShard[]> {
    return [...this.payables.entries()]
      .filter(([key]) => key.startsWith(`${providerId}#`))
      .map(([key, balanceCents]) => ({ shard: Number(key.slice(providerId.length + 1)), balanceCents }))
      .sort((a, b) => a.shard - b.shard);
  }

  async commitPayout(plan: PayoutPlan, audit?: AuditRecord): Promise<PayoutCommitResult> {
    // Check every condition first; after this block the commit must succeed.
    for (const claim of plan.claims) {
      if (this.claims.get(claim.claimId)?.status !== 'captured') return { kind: 'claim_changed' };
    }
    if (this.payouts.has(plan.payout.payoutId)) return { kind: 'claim_changed' };
    for (const change of plan.payableChanges) {
      if ((this.payables.get(`${change.providerId}#${change.shard}`) ?? 0) + change.balanceDeltaCents < 0) return { kind: 'insufficient_funds' };
    }

    this.payouts.set(plan.payout.payoutId, structuredClone(plan.payout));
    for (const claim of plan.claims) this.claims.set(claim.claimId, structuredClone(claim));
    for (const change of plan.payableChanges) {
      const key = `${change.providerId}#${change.shard}`;
      this.payables.set(key, (this.payables.get(key) ?? 0) + change.balanceDeltaCents);
    }
    if (audit !== undefined) this.audit.push(structuredClone(audit));
    return { kind: 'committed' };
  }

  async listPayoutsUnfiled(limit: number): Promise<Payout[]> {
    return [...this.payouts.values()]
      .filter((payout) => payout.fileId === undefined)
      .sort((a, b) => compare(payoutSortKey(a), payoutSortKey(b)))
      .slice(0, limit)
      .map((payout) => structuredClone(payout));
  }

  async commitPayoutFile(file: PayoutFile): Promise<PayoutFileCommitResult> {
    const taken = file.entries.filter((entry) => this.payouts.get(entry.payoutId)?.fileId !== undefined || !this.payouts.has(entry.payoutId)).map((entry) => entry.payoutId);
    if (taken.length > 0) return { kind: 'payouts_taken', payoutIds: taken };
    if (this.payoutFiles.has(file.fileId)) return { kind: 'payouts_taken', payoutIds: file.entries.map((entry) => entry.payoutId) };

    this.payoutFiles.set(file.fileId, { file: structuredClone(file) });
    for (const entry of file.entries) {
      const payout = this.payouts.get(entry.payoutId);
      if (payout !== undefined) this.payouts.set(entry.payoutId, { ...payout, fileId: file.fileId });
    }
    return { kind: 'committed' };
  }

  async listPayoutFilesUnwritten(limit: number): Promise<PayoutFile[]> {
    return [...this.payoutFiles.values()]
      .filter((record) => record.writtenAt === undefined)
      .map((record) => record.file)
      .sort((a, b) => compare(`${a.createdAt}#${a.fileId}`, `${b.createdAt}#${b.fileId}`))
      .slice(0, limit)
      .map((file) => structuredClone(file));
  }

  async markPayoutFileWritten(fileId: string, at: string): Promise<void> {
    const record = this.payoutFiles.get(fileId);
    if (record === undefined) throw new Error(`markPayoutFileWritten: no file ${fileId}`);
    // The first time it was written is kept, as the DynamoDB adapter does.
    record.writtenAt ??= at;
  }

  async listPayouts(providerId: string, page: PageRequest): Promise<Page<Payout>> {
    const all = [...this.payouts.values()]
      .filter((payout) => payout.providerId === providerId)
      .map((payout) => ({ sortKey: payoutSortKey(payout), item: payout }))
      .sort((a, b) => compare(b.sortKey, a.sortKey));
    return paginate(all, page, 'PAYOUT#', 'descending');
  }

  async getClaimCount(providerId: string, courseId: string, year: string): Promise<number> {
    return this.claimCounts.get(`${providerId}#${courseId}#${year}`) ?? 0;
  }

  async recordFirstSeen(personId: string, at: string): Promise<void> {
    if (!this.profiles.has(personId)) this.profiles.set(personId, { firstSeenAt: at });
  }

  async getPersonProfile(personId: string): Promise<PersonProfile | undefined> {
    return copy(this.profiles.get(personId));
  }

  async recordAudit(record: AuditRecord): Promise<void> {
    this.audit.push(structuredClone(record));
  }

  async listAudit(period: AuditPeriod, page: PageRequest): Promise<Page<AuditRecord>> {
    const all = this.audit
      .map((record) => ({ sortKey: auditSortKey(record), item: record }))
      .filter((entry) => auditDayOf(entry.sortKey) >= period.from && auditDayOf(entry.sortKey) <= period.to)
      .sort((a, b) => compare(a.sortKey, b.sortKey));
    return paginate(all, page, auditSortKeyPrefix, 'ascending');
  }

  async getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return copy(this.idempotency.get(`${scope}#${key}`));
  }

  async commit(movement: Movement, options: CommitOptions = {}): Promise<CommitResult> {
    assertTouchesEachItemOnce(movement);
    // Check every condition first; after this block the commit must succeed.
    if (options.idempotency !== undefined) {
      const existing = this.idempotency.get(`${options.idempotency.scope}#${options.idempotency.key}`);
      if (existing !== undefined) return { kind: 'key_exists', record: structuredClone(existing) };
    }
    if (movement.requireEmployment !== undefined) {
      const { employerId, personId } = movement.requireEmployment;
      const employment = this.employments.get(`${employerId}#${personId}`);
      if (employment === undefined || employment.endDate !== undefined) return { kind: 'not_employed' };
    }
    if (options.endEmployment !== undefined) {
      const { employerId, personId } = options.endEmployment;
      const employment = this.employments.get(`${employerId}#${personId}`);
      if (employment === undefined || employment.endDate !== undefined) return { kind: 'employment_changed' };
    }
    // The claim and provider conditions come before the money ones, in the DynamoDB adapter's order of
    // precedence: a second capture or cancel of a resolved claim is `claim_changed`, whatever its pots hold now.
    if (options.claim !== undefined) {
      const stored = this.claims.get(options.claim.claim.claimId);
      if (options.claim.expectedStatus === undefined ? stored !== undefined : stored?.status !== options.claim.expectedStatus) {
        return { kind: 'claim_changed' };
      }
    }
    if (options.requireActiveProvider !== undefined && this.providers.get(options.requireActiveProvider)?.status !== 'active') {
      return { kind: 'provider_not_active' };
    }
    if (options.claimCounter !== undefined) {
      const { providerId, courseId, year, max } = options.claimCounter;
      if ((this.claimCounts.get(`${providerId}#${courseId}#${year}`) ?? 0) >= max) return { kind: 'claim_limit_reached' };
    }
    for (const change of movement.potChanges) {
      const pot = this.pots.get(potKey(change.pot.personId, change.pot.potId));
      const available = (pot?.availableCents ?? 0) + change.availableDeltaCents;
      const reserved = (pot?.reservedCents ?? 0) + change.reservedDeltaCents;
      if (available < 0 || reserved < 0) return { kind: 'insufficient_funds' };
      // Expiry takes exactly what was available; anything that arrived since keeps the pot listed.
      if (change.takesAllAvailable === true && (pot === undefined || available !== 0)) return { kind: 'insufficient_funds' };
    }
    for (const change of movement.totalChanges) {
      if (change.budgetRemainingDeltaCents === undefined) continue;
      const shard = this.totals.get(`${schemeKey(change.funderId, change.schemeId)}#${change.shard}`);
      if ((shard?.budgetRemainingCents ?? 0) + change.budgetRemainingDeltaCents < 0) return { kind: 'budget_exceeded' };
    }
    for (const transfer of movement.transfers) {
      if ((this.transfers.get(transfer.personId) ?? []).some((existing) => existing.transferId === transfer.transferId && existing.at === transfer.at)) {
        return { kind: 'conflict' };
      }
    }
    for (const change of movement.payableChanges ?? []) {
      if ((this.payables.get(`${change.providerId}#${change.shard}`) ?? 0) + change.balanceDeltaCents < 0) return { kind: 'insufficient_funds' };
    }

    if (options.idempotency !== undefined) {
      const { scope, key, requestHash, response } = options.idempotency;
      this.idempotency.set(`${scope}#${key}`, structuredClone({ requestHash, response }));
    }
    if (options.endEmployment !== undefined) {
      const { employerId, personId, endDate } = options.endEmployment;
      const key = `${employerId}#${personId}`;
      const employment = this.employments.get(key);
      if (employment !== undefined) this.employments.set(key, { ...employment, endDate });
    }
    for (const change of movement.potChanges) {
      const key = potKey(change.pot.personId, change.pot.potId);
      const pot = this.pots.get(key);
      this.pots.set(key, {
        ...structuredClone(change.pot),
        ...pot,
        availableCents: (pot?.availableCents ?? 0) + change.availableDeltaCents,
        reservedCents: (pot?.reservedCents ?? 0) + change.reservedDeltaCents,
      });
      if (change.takesAllAvailable === true) this.potsDue.delete(key);
      else if (change.pot.expiresAt !== undefined && change.availableDeltaCents > 0) this.potsDue.add(key);
    }
    for (const change of movement.totalChanges) {
      const key = `${schemeKey(change.funderId, change.schemeId)}#${change.shard}`;
      const shard = this.totals.get(key) ?? emptyShard(change.shard);
      shard.balanceCents += change.balanceDeltaCents;
      shard.depositedCents += change.depositedDeltaCents;
      shard.returnedCents += change.returnedDeltaCents;
      shard.expiredCents += change.expiredDeltaCents;
      if (change.budgetRemainingDeltaCents !== undefined) {
        shard.budgetRemainingCents = (shard.budgetRemainingCents ?? 0) + change.budgetRemainingDeltaCents;
      }
      this.totals.set(key, shard);
    }
    if (options.claim !== undefined) this.claims.set(options.claim.claim.claimId, structuredClone(options.claim.claim));
    if (options.claimCounter !== undefined) {
      const key = `${options.claimCounter.providerId}#${options.claimCounter.courseId}#${options.claimCounter.year}`;
      this.claimCounts.set(key, (this.claimCounts.get(key) ?? 0) + 1);
    }
    if (options.audit !== undefined) this.audit.push(structuredClone(options.audit));
    for (const change of movement.payableChanges ?? []) {
      const key = `${change.providerId}#${change.shard}`;
      this.payables.set(key, (this.payables.get(key) ?? 0) + change.balanceDeltaCents);
    }
    for (const transfer of movement.transfers) {
      const list = this.transfers.get(transfer.personId) ?? [];
      list.push(structuredClone(transfer));
      this.transfers.set(transfer.personId, list);
    }
    return { kind: 'committed' };
  }

  async reconcile(): Promise<Reconciliation> {
    const balances = new Map<string, number>();
    for (const pot of this.pots.values()) {
      balances.set(potAccount(pot.personId, pot.potId), pot.availableCents + pot.reservedCents);
    }
    for (const [key, shard] of this.totals) {
      const [funderId, schemeId] = key.split('#') as [string, string];
      const account = funderAccount(funderId, schemeId);
      balances.set(account, (balances.get(account) ?? 0) + shard.balanceCents);
    }
    for (const [key, balance] of this.payables) {
      const account = providerAccount(key.split('#')[0] as string);
      balances.set(account, (balances.get(account) ?? 0) + balance);
    }
    return reconcileBalances(balances, [...this.transfers.values()].flat(), [...this.payouts.values()]);
  }
}

function schemeKey(funderId: string, schemeId: string): string {
  return `${funderId}#${schemeId}`;
}

function potKey(personId: string, potId: string): string {
  return `${personId}#${potId}`;
}

function emptyShard(shard: number): MutableShard {
  return { shard, balanceCents: 0, depositedCents: 0, returnedCents: 0, expiredCents: 0 };
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function paginate<T>(
  sorted: ReadonlyArray<{ sortKey: string; item: T }>,
  page: PageRequest,
  prefix: string,
  order: 'ascending' | 'descending',
): Page<T> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, prefix);
  const rest =
    after === undefined ? sorted : sorted.filter((entry) => (order === 'ascending' ? entry.sortKey > after : entry.sortKey < after));
  const items = rest.slice(0, Math.min(page.limit, limits.pageSizeMax));
  const last = items.at(-1);
  return {
    items: items.map((entry) => structuredClone(entry.item)),
    ...(rest.length > items.length && last !== undefined && { nextCursor: encodeCursor(last.sortKey) }),
  };
}
