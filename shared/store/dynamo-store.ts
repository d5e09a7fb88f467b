import {
  TransactionCanceledException,
  type AttributeValue,
  type CancellationReason,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ClientRecord } from '../auth/principal.ts';
import type { AuditRecord } from '../ledger/audit.ts';
import { funderAccount, potAccount, providerAccount } from '../ledger/accounts.ts';
import type { Claim, ClaimStatus } from '../ledger/claim.ts';
import { addDays } from '../ledger/dates.ts';
import type { Employment } from '../ledger/employment.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../ledger/payout.ts';
import type { Course, Payout, Provider } from '../ledger/provider.ts';
import { limits } from '../ledger/limits.ts';
import type { Pot } from '../ledger/pot.ts';
import type { Scheme } from '../ledger/scheme.ts';
import type { SchemeTotalShard } from '../ledger/scheme-totals.ts';
import type { Movement, Transfer } from '../ledger/transfer.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { InvalidCursorError } from './ledger-store.ts';
import type {
  AuditPeriod,
  ClaimCounter,
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
import {
  auditDayOf,
  auditShard,
  auditSortKey,
  auditSortKeyPrefix,
  claimDeadline,
  claimSortKey,
  courseSortKey,
  payoutSortKey,
  potExpiryListShard,
  potExpirySortKey,
} from './sort-keys.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a failed condition on each transaction item means; indexes match the TransactItems. */
type ItemRole =
  | 'idempotency'
  | 'pot'
  | 'budget'
  | 'employment'
  | 'employment-end'
  | 'transfer'
  | 'total'
  | 'claim'
  | 'provider'
  | 'payable'
  | 'payout'
  | 'payout-file'
  | 'claim-counter'
  | 'audit';

// Condition fragments, named so that each transaction reads as the rule it restates.
const itemDoesNotExist = 'attribute_not_exists(pk)';
const availableCovers = '#available >= :availableNeeded';
const availableIsExactly = '#available = :availableExact';
const payableCovers = '#balance >= :needed';
const payoutNotFiled = 'attribute_exists(pk) AND attribute_not_exists(fileId)';
const reservedCovers = '#reserved >= :reservedNeeded';
const budgetCovers = '#budgetRemaining >= :budgetNeeded';
const employmentOngoing = 'attribute_exists(pk) AND attribute_not_exists(endDate)';
const claimCountBelowMax = 'attribute_not_exists(#count) OR #count < :max';

const key = {
  client: (clientId: string) => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' }),
  scheme: (funderId: string, schemeId: string) => ({ pk: `FUNDER#${funderId}`, sk: `SCHEME#${schemeId}` }),
  total: (funderId: string, schemeId: string, shard: number) => ({
    pk: `FUNDER#${funderId}`,
    sk: `TOTAL#${schemeId}#${shard.toString().padStart(3, '0')}`,
  }),
  employment: (employerId: string, personId: string) => ({ pk: `EMPLOYER#${employerId}`, sk: `EMPLOYEE#${personId}` }),
  pot: (personId: string, potId: string) => ({ pk: `PERSON#${personId}`, sk: `POT#${potId}` }),
  transfer: (transfer: Pick<Transfer, 'personId' | 'at' | 'transferId'>) => ({
    pk: `PERSON#${transfer.personId}`,
    sk: `TX#${transfer.at}#${transfer.transferId}`,
  }),
  idempotency: (scope: string, idempotencyKey: string) => ({ pk: `IDEMPOTENCY#${scope}#${idempotencyKey}`, sk: 'IDEMPOTENCY' }),
  provider: (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: 'PROVIDER' }),
  payable: (providerId: string, shard: number) => ({ pk: `PROVIDER#${providerId}`, sk: `PAYABLE#${shard.toString().padStart(3, '0')}` }),
  course: (providerId: string, courseId: string) => ({ pk: `PROVIDER#${providerId}`, sk: `COURSE#${courseId}` }),
  claim: (claimId: string) => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' }),
  payout: (payout: Pick<Payout, 'providerId' | 'createdAt' | 'payoutId'>) => ({ pk: `PROVIDER#${payout.providerId}`, sk: payoutSortKey(payout) }),
  payoutFile: (fileId: string) => ({ pk: `PAYOUTFILE#${fileId}`, sk: 'PAYOUTFILE' }),
  claimCounter: (counter: Pick<ClaimCounter, 'providerId' | 'courseId' | 'year'>) => ({
    pk: `PROVIDER#${counter.providerId}`,
    sk: `CLAIMCOUNT#${counter.courseId}#${counter.year}`,
  }),
  profile: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' }),
  audit: (record: Pick<AuditRecord, 'at' | 'auditId'>) => ({ pk: auditPartition(record.at.slice(0, 10), auditShard(record.auditId, limits.auditShards)), sk: auditSortKey(record) }),
};

function auditPartition(day: string, shard: number): string {
  return `AUDIT#${day}#${shard.toString().padStart(3, '0')}`;
}

/** The jobs' work lists on gsi3 besides the claims' `DUE#<status>`. */
const due = {
  pot: (shard: number) => `DUE#pot#${shard}`,
  payout: 'DUE#payout',
  payoutFile: 'DUE#payout-file',
};

const catalogPartition = 'CATALOG';

/** How many index reads one filtered page may take before it answers with what it has. */
const indexReadsPerPageMax = 10;

/** The index attributes of a claim: who lists it, and which job waits for it. */
function claimIndexAttributes(claim: Claim): Record<string, string> {
  const sortKey = claimSortKey(claim);
  const deadline = claimDeadline(claim);
  return {
    gsi1pk: `PROVIDER#${claim.providerId}#CLAIMS`,
    gsi1sk: sortKey,
    gsi2pk: `PERSON#${claim.personId}#CLAIMS`,
    gsi2sk: sortKey,
    // Sparse: a claim in a final state leaves the jobs' index.
    ...(deadline !== undefined && { gsi3pk: `DUE#${claim.status}`, gsi3sk: `${deadline}#${claim.claimId}` }),
  };
}

/** The claim item, as written. */
function claimItem(claim: Claim): Record<string, unknown> {
  return { ...key.claim(claim.claimId), entity: 'claim', status: claim.status, ...claimIndexAttributes(claim), claim };
}

/** Options for {@link DynamoLedgerStore}. */
export interface DynamoLedgerStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Ask DynamoDB for consumed capacity and report it here (used by the benchmark). */
  readonly onConsumedCapacity?: (operation: string, capacityUnits: number) => void;
}

/**
 * The DynamoDB adapter: one table, prefixed keys, and every money movement as one
 * TransactWriteItems. It translates SDK errors into {@link CommitResult} values at this boundary
 * and holds no business rules.
 */
export class DynamoLedgerStore implements LedgerStore {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly onConsumedCapacity: DynamoLedgerStoreOptions['onConsumedCapacity'];

  constructor(options: DynamoLedgerStoreOptions) {
    this.documents = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.tableName = options.tableName;
    this.onConsumedCapacity = options.onConsumedCapacity;
  }

  private get capacity(): { ReturnConsumedCapacity?: 'TOTAL' } {
    return this.onConsumedCapacity === undefined ? {} : { ReturnConsumedCapacity: 'TOTAL' };
  }

  private report(operation: string, consumed: ReadonlyArray<{ CapacityUnits?: number | undefined }> | { CapacityUnits?: number | undefined } | undefined): void {
    if (this.onConsumedCapacity === undefined || consumed === undefined) return;
    const list = Array.isArray(consumed) ? consumed : [consumed];
    this.onConsumedCapacity(operation, list.reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0));
  }

  async putClient(client: ClientRecord): Promise<void> {
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { ...key.client(client.clientId), entity: 'client', ...client } }),
    );
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    const result = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: key.client(clientId) }));
    if (result.Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...client } = result.Item;
    return client as ClientRecord;
  }

  async createScheme(scheme: Scheme, budgetShardsCents?: readonly number[]): Promise<'created' | 'exists'> {
    const funderId = scheme.funder.funderId;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...key.scheme(funderId, scheme.schemeId), entity: 'scheme', scheme },
          ConditionExpression: itemDoesNotExist,
        },
      },
      ...(budgetShardsCents ?? []).map(
        (budgetRemaining, shard): TransactItem => ({
          Put: {
            TableName: this.tableName,
            Item: {
              ...key.total(funderId, scheme.schemeId, shard),
              entity: 'schemeTotal',
              shard,
              balance: 0,
              deposited: 0,
              returned: 0,
              expired: 0,
              budgetRemaining,
            },
            ConditionExpression: itemDoesNotExist,
          },
        }),
      ),
    ];
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return 'created';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        return 'exists';
      }
      throw error;
    }
  }

  async getScheme(funderId: string, schemeId: string): Promise<Scheme | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key.scheme(funderId, schemeId), ConsistentRead: true }),
    );
    return result.Item?.['scheme'] as Scheme | undefined;
  }

  async listSchemes(funderId: string, page: PageRequest): Promise<Page<Scheme>> {
    const result = await this.queryPage(`FUNDER#${funderId}`, 'SCHEME#', page, true);
    return { ...result, items: result.items.map((item) => item['scheme'] as Scheme) };
  }

  async getSchemeTotals(funderId: string, schemeId: string): Promise<SchemeTotalShard[]> {
    const items = await this.queryAll(`FUNDER#${funderId}`, `TOTAL#${schemeId}#`);
    return items.map((item) => ({
      shard: item['shard'] as number,
      balanceCents: item['balance'] as number,
      depositedCents: item['deposited'] as number,
      returnedCents: item['returned'] as number,
      expiredCents: item['expired'] as number,
      ...(item['budgetRemaining'] !== undefined && { budgetRemainingCents: item['budgetRemaining'] as number }),
    }));
  }

  async getEmployment(employerId: string, personId: string): Promise<Employment | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key.employment(employerId, personId), ConsistentRead: true }),
    );
    if (result.Item === undefined) return undefined;
    return {
      employerId,
      personId,
      startDate: result.Item['startDate'] as string,
      ...(result.Item['endDate'] !== undefined && { endDate: result.Item['endDate'] as string }),
    };
  }

  async startEmployment(employment: Employment): Promise<'created' | 'exists'> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key.employment(employment.employerId, employment.personId),
            entity: 'employment',
            startDate: employment.startDate,
          },
          // A new employment may replace an ended one (re-hiring), never an ongoing one.
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(endDate)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'exists';
      throw error;
    }
  }

  async listPots(personId: string): Promise<Pot[]> {
    const items = await this.queryAll(`PERSON#${personId}`, 'POT#', 'listPots');
    return items.map(potFromItem);
  }

  async listTransfers(personId: string, page: PageRequest): Promise<Page<Transfer>> {
    const result = await this.queryPage(`PERSON#${personId}`, 'TX#', page, false);
    return { ...result, items: result.items.map((item) => item['transfer'] as Transfer) };
  }

  async putProvider(provider: Provider, audit?: AuditRecord): Promise<void> {
    const item = { ...key.provider(provider.providerId), entity: 'provider', provider };
    if (audit === undefined) {
      await this.documents.send(new PutCommand({ TableName: this.tableName, Item: item }));
      return;
    }
    await this.documents.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: this.tableName, Item: item } }, this.auditPut(audit)] }));
  }

  async getProvider(providerId: string): Promise<Provider | undefined> {
    const result = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: key.provider(providerId), ConsistentRead: true }));
    return result.Item?.['provider'] as Provider | undefined;
  }

  async createCourse(course: Course): Promise<'created' | 'exists'> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key.course(course.providerId, course.courseId),
            entity: 'course',
            gsi1pk: catalogPartition,
            gsi1sk: courseSortKey(course),
            titleLower: course.title.toLowerCase(),
            category: course.category,
            course,
          },
          ConditionExpression: itemDoesNotExist,
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'exists';
      throw error;
    }
  }

  async getCourse(providerId: string, courseId: string): Promise<Course | undefined> {
    const result = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: key.course(providerId, courseId) }));
    return result.Item?.['course'] as Course | undefined;
  }

  async searchCourses(filter: { readonly q?: string; readonly category?: string }, page: PageRequest): Promise<Page<Course>> {
    const filters: string[] = [];
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = {};
    if (filter.q !== undefined && filter.q !== '') {
      filters.push('contains(#titleLower, :q)');
      names['#titleLower'] = 'titleLower';
      values[':q'] = filter.q.toLowerCase();
    }
    if (filter.category !== undefined) {
      filters.push('#category = :category');
      names['#category'] = 'category';
      values[':category'] = filter.category;
    }
    const result = await this.queryIndexPage('gsi1', catalogPartition, 'COURSE#', page, true, (sortKey) => {
      // The catalogue sort key ends in the provider and course ids, which never contain '#'.
      const parts = sortKey.split('#');
      const courseId = parts.at(-1);
      const providerId = parts.at(-2);
      if (courseId === undefined || providerId === undefined) throw new InvalidCursorError();
      return key.course(providerId, courseId);
    }, filters.length === 0 ? undefined : { expression: filters.join(' AND '), names, values });
    return { ...result, items: result.items.map((item) => item['course'] as Course) };
  }

  async getClaim(claimId: string): Promise<Claim | undefined> {
    const result = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: key.claim(claimId), ConsistentRead: true }));
    return result.Item?.['claim'] as Claim | undefined;
  }

  async listProviderClaims(providerId: string, status: ClaimStatus | undefined, page: PageRequest): Promise<Page<Claim>> {
    const result = await this.queryIndexPage(
      'gsi1',
      `PROVIDER#${providerId}#CLAIMS`,
      'CLAIM#',
      page,
      false,
      claimKeyFromSortKey,
      status === undefined ? undefined : { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } },
    );
    return { ...result, items: result.items.map((item) => item['claim'] as Claim) };
  }

  async listPersonClaims(personId: string, page: PageRequest): Promise<Page<Claim>> {
    const result = await this.queryIndexPage('gsi2', `PERSON#${personId}#CLAIMS`, 'CLAIM#', page, false, claimKeyFromSortKey);
    return { ...result, items: result.items.map((item) => item['claim'] as Claim) };
  }

  async listClaimsDue(status: 'awaiting_approval' | 'approved' | 'captured', before: string, limit: number): Promise<Claim[]> {
    const result = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
        ExpressionAttributeValues: { ':pk': `DUE#${status}`, ':before': before },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => item['claim'] as Claim);
  }

  async listPotsDue(before: string, limit: number): Promise<Pot[]> {
    // Each shard's first `limit` in order, merged: the overall first `limit` are among them.
    const shards = await Promise.all(
      Array.from({ length: limits.potExpiryListShards }, (_, shard) => this.queryDue(due.pot(shard), before, limit)),
    );
    return shards
      .flat()
      .sort((a, b) => compareStrings(a['gsi3sk'] as string, b['gsi3sk'] as string))
      .slice(0, limit)
      .map(potFromItem);
  }

  async listPayouts(providerId: string, page: PageRequest): Promise<Page<Payout>> {
    const result = await this.queryPage(`PROVIDER#${providerId}`, 'PAYOUT#', page, false);
    return { ...result, items: result.items.map((item) => item['payout'] as Payout) };
  }

  async getPayableShards(providerId: string): Promise<PayableShard[]> {
    const items = await this.queryAll(`PROVIDER#${providerId}`, 'PAYABLE#');
    return items.map((item) => ({ shard: Number((item['sk'] as string).slice('PAYABLE#'.length)), balanceCents: item['balance'] as number }));
  }

  async commitPayout(plan: PayoutPlan, audit?: AuditRecord): Promise<PayoutCommitResult> {
    const items: TransactItem[] = [];
    const roles: ItemRole[] = [];
    const add = (role: ItemRole, item: TransactItem) => {
      roles.push(role);
      items.push(item);
    };
    const { payout } = plan;
    add('payout', {
      Put: {
        TableName: this.tableName,
        Item: { ...key.payout(payout), entity: 'payout', payout, gsi3pk: due.payout, gsi3sk: payoutSortKey(payout) },
        ConditionExpression: itemDoesNotExist,
      },
    });
    for (const claim of plan.claims) {
      add('claim', {
        Put: {
          TableName: this.tableName,
          Item: claimItem(claim),
          ConditionExpression: '#status = :captured',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':captured': 'captured' },
        },
      });
    }
    for (const change of plan.payableChanges) {
      add('payable', {
        Update: {
          TableName: this.tableName,
          Key: key.payable(change.providerId, change.shard),
          UpdateExpression: 'ADD #balance :balance',
          ConditionExpression: payableCovers,
          ExpressionAttributeNames: { '#balance': 'balance' },
          ExpressionAttributeValues: { ':balance': change.balanceDeltaCents, ':needed': -change.balanceDeltaCents },
        },
      });
    }
    if (audit !== undefined) add('audit', this.auditPut(audit));
    if (items.length > 100) throw new Error(`commitPayout: ${items.length} items exceed DynamoDB's 100 per transaction`);
    const result = await this.transact(items, roles, 'commitPayout');
    if (result.kind === 'committed' || result.kind === 'claim_changed' || result.kind === 'insufficient_funds' || result.kind === 'conflict') return result;
    // The payout id derives from its claims: an existing record means these claims were paid.
    if (result.kind === 'payout_exists') return { kind: 'claim_changed' };
    throw new Error(`commitPayout: unexpected result ${result.kind}`);
  }

  async listPayoutsUnfiled(limit: number): Promise<Payout[]> {
    const items = await this.queryDue(due.payout, '~', limit);
    return items.map((item) => item['payout'] as Payout);
  }

  async commitPayoutFile(file: PayoutFile): Promise<PayoutFileCommitResult> {
    const items: TransactItem[] = [];
    const roles: ItemRole[] = [];
    items.push({
      Put: {
        TableName: this.tableName,
        Item: { ...key.payoutFile(file.fileId), entity: 'payoutFile', file, gsi3pk: due.payoutFile, gsi3sk: `${file.createdAt}#${file.fileId}` },
        ConditionExpression: itemDoesNotExist,
      },
    });
    roles.push('payout-file');
    for (const entry of file.entries) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: key.payout({ providerId: entry.providerId, createdAt: entry.payoutCreatedAt, payoutId: entry.payoutId }),
          // The payout leaves the unfiled list and names its file, in the item and in the stored payout.
          UpdateExpression: 'SET #fileId = :fileId, #payout.#fileId = :fileId REMOVE gsi3pk, gsi3sk',
          ConditionExpression: payoutNotFiled,
          ExpressionAttributeNames: { '#fileId': 'fileId', '#payout': 'payout' },
          ExpressionAttributeValues: { ':fileId': file.fileId },
        },
      });
      roles.push('payout');
    }
    if (items.length > 100) throw new Error(`commitPayoutFile: ${items.length} items exceed DynamoDB's 100 per transaction`);
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'committed' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const taken = file.entries.filter((_, index) => reasons[index + 1]?.Code === 'ConditionalCheckFailed').map((entry) => entry.payoutId);
      if (taken.length > 0) return { kind: 'payouts_taken', payoutIds: taken };
      // The file id derives from its payouts, so an existing record means they are all taken.
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return { kind: 'payouts_taken', payoutIds: file.entries.map((entry) => entry.payoutId) };
      return { kind: 'conflict' };
    }
  }

  async listPayoutFilesUnwritten(limit: number): Promise<PayoutFile[]> {
    const items = await this.queryDue(due.payoutFile, '~', limit);
    return items.map((item) => item['file'] as PayoutFile);
  }

  async markPayoutFileWritten(fileId: string, at: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key.payoutFile(fileId),
        UpdateExpression: 'SET #writtenAt = if_not_exists(#writtenAt, :now) REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#writtenAt': 'writtenAt' },
        ExpressionAttributeValues: { ':now': at },
      }),
    );
  }

  /** One page of a jobs' work list on gsi3, in sort key order, below `before`. */
  private async queryDue(partition: string, before: string, limit: number): Promise<Array<Record<string, unknown>>> {
    const result = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
        ExpressionAttributeValues: { ':pk': partition, ':before': before },
        Limit: limit,
      }),
    );
    return result.Items ?? [];
  }

  /** Sends one transaction and translates a cancellation into what failed. */
  private async transact(items: TransactItem[], roles: readonly ItemRole[], operation: string): Promise<CommitResult | { kind: 'payout_exists' }> {
    try {
      const result = await this.documents.send(new TransactWriteCommand({ TransactItems: items, ...this.capacity }));
      this.report(operation, result.ConsumedCapacity);
      return { kind: 'committed' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons.some((reason, index) => roles[index] === 'payout' && reason.Code === 'ConditionalCheckFailed')) {
        // Claims are checked before the record: a paid claim says more than a taken payout id.
        const claimFailed = reasons.some((reason, index) => roles[index] === 'claim' && reason.Code === 'ConditionalCheckFailed');
        return claimFailed ? { kind: 'claim_changed' } : { kind: 'payout_exists' };
      }
      return cancellationResult(reasons, roles);
    }
  }

  async getClaimCount(providerId: string, courseId: string, year: string): Promise<number> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key.claimCounter({ providerId, courseId, year }), ConsistentRead: true }),
    );
    return (result.Item?.['count'] as number | undefined) ?? 0;
  }

  async recordFirstSeen(personId: string, at: string): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key.profile(personId), entity: 'profile', firstSeenAt: at },
          // Only the first visit is kept: later ones must not move the date.
          ConditionExpression: itemDoesNotExist,
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
      throw error;
    }
  }

  async getPersonProfile(personId: string): Promise<PersonProfile | undefined> {
    const result = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: key.profile(personId), ConsistentRead: true }));
    if (result.Item === undefined) return undefined;
    return { firstSeenAt: result.Item['firstSeenAt'] as string };
  }

  async recordAudit(record: AuditRecord): Promise<void> {
    await this.documents.send(new PutCommand(this.auditPut(record).Put as NonNullable<TransactItem['Put']>));
  }

  /**
   * One page of the audit trail, oldest first. Each day is spread over `limits.auditShards`
   * partitions; a page queries the shards of a day in parallel, each for at most what the page
   * still needs after the cursor, and merges them by sort key: the day's first entries are among
   * what the shards return. Days are read in order until the page is full. The cursor is the last
   * entry's sort key, which names its day, so it cannot point outside the audit trail.
   */
  async listAudit(period: AuditPeriod, page: PageRequest): Promise<Page<AuditRecord>> {
    const limit = Math.min(page.limit, limits.pageSizeMax);
    const after = page.cursor === undefined ? auditSortKeyPrefix : decodeCursor(page.cursor, auditSortKeyPrefix);
    const items: Array<Record<string, unknown>> = [];
    const firstDay = after === auditSortKeyPrefix || auditDayOf(after) < period.from ? period.from : auditDayOf(after);
    for (let day = firstDay, read = 0; day <= period.to && items.length <= limit && read < limits.auditRangeDaysMax + 1; day = addDays(day, 1), read += 1) {
      const wanted = limit + 1 - items.length;
      const shards = await Promise.all(
        Array.from({ length: limits.auditShards }, (_, shard) =>
          this.documents.send(
            new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'pk = :pk AND sk > :after',
              ExpressionAttributeValues: { ':pk': auditPartition(day, shard), ':after': after },
              ScanIndexForward: true,
              Limit: wanted,
            }),
          ),
        ),
      );
      const merged = shards.flatMap((result) => result.Items ?? []).sort((a, b) => compareStrings(a['sk'] as string, b['sk'] as string));
      items.push(...merged.slice(0, wanted));
    }
    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return {
      items: pageItems.map((item) => item['audit'] as AuditRecord),
      ...(items.length > limit && last !== undefined && { nextCursor: encodeCursor(last['sk'] as string) }),
    };
  }

  /** The audit entry as a transaction item; its id is random, so the condition only guards against a bug. */
  private auditPut(record: AuditRecord): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...key.audit(record), entity: 'audit', audit: record },
        ConditionExpression: itemDoesNotExist,
      },
    };
  }

  async getIdempotencyRecord(scope: string, idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key.idempotency(scope, idempotencyKey), ConsistentRead: true }),
    );
    if (result.Item === undefined) return undefined;
    return { requestHash: result.Item['requestHash'] as string, response: storedResponseOf(result.Item['response'] as StoredResponseItem) };
  }

  async commit(movement: Movement, options: CommitOptions = {}): Promise<CommitResult> {
    const items: TransactItem[] = [];
    const roles: ItemRole[] = [];
    const add = (role: ItemRole, item: TransactItem) => {
      roles.push(role);
      items.push(item);
    };

    if (options.idempotency !== undefined) {
      const { scope, key: idempotencyKey, requestHash, response, createdAt } = options.idempotency;
      add('idempotency', {
        Put: {
          TableName: this.tableName,
          Item: {
            ...key.idempotency(scope, idempotencyKey),
            entity: 'idempotency',
            requestHash,
            response: storedResponseItem(response),
            createdAt,
          },
          ConditionExpression: itemDoesNotExist,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    if (movement.requireEmployment !== undefined) {
      add('employment', {
        ConditionCheck: {
          TableName: this.tableName,
          Key: key.employment(movement.requireEmployment.employerId, movement.requireEmployment.personId),
          ConditionExpression: employmentOngoing,
        },
      });
    }
    if (options.endEmployment !== undefined) {
      add('employment-end', {
        Update: {
          TableName: this.tableName,
          Key: key.employment(options.endEmployment.employerId, options.endEmployment.personId),
          UpdateExpression: 'SET #endDate = :endDate',
          ConditionExpression: employmentOngoing,
          ExpressionAttributeNames: { '#endDate': 'endDate' },
          ExpressionAttributeValues: { ':endDate': options.endEmployment.endDate },
        },
      });
    }
    if (options.claim !== undefined) {
      const { claim, expectedStatus } = options.claim;
      add('claim', {
        Put: {
          TableName: this.tableName,
          Item: claimItem(claim),
          ...(expectedStatus === undefined
            ? { ConditionExpression: itemDoesNotExist }
            : { ConditionExpression: '#status = :expectedStatus', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':expectedStatus': expectedStatus } }),
        },
      });
    }
    if (options.requireActiveProvider !== undefined) {
      add('provider', {
        ConditionCheck: {
          TableName: this.tableName,
          Key: key.provider(options.requireActiveProvider),
          ConditionExpression: '#provider.#status = :active',
          ExpressionAttributeNames: { '#provider': 'provider', '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        },
      });
    }
    if (options.claimCounter !== undefined) {
      add('claim-counter', {
        Update: {
          TableName: this.tableName,
          Key: key.claimCounter(options.claimCounter),
          UpdateExpression: 'SET #entity = :entity ADD #count :one',
          ConditionExpression: claimCountBelowMax,
          ExpressionAttributeNames: { '#entity': 'entity', '#count': 'count' },
          ExpressionAttributeValues: { ':entity': 'claimCount', ':one': 1, ':max': options.claimCounter.max },
        },
      });
    }
    if (options.audit !== undefined) add('audit', this.auditPut(options.audit));
    for (const change of movement.payableChanges ?? []) {
      add('payable', {
        Update: {
          TableName: this.tableName,
          Key: key.payable(change.providerId, change.shard),
          UpdateExpression: 'SET #entity = :entity ADD #balance :balance',
          ExpressionAttributeNames: { '#entity': 'entity', '#balance': 'balance' },
          ExpressionAttributeValues: {
            ':entity': 'payable',
            ':balance': change.balanceDeltaCents,
            ...(change.balanceDeltaCents < 0 && { ':needed': -change.balanceDeltaCents }),
          },
          ...(change.balanceDeltaCents < 0 && { ConditionExpression: '#balance >= :needed' }),
        },
      });
    }
    for (const change of movement.potChanges) add('pot', this.potUpdate(change));
    for (const change of movement.totalChanges) {
      const values: Record<string, unknown> = {
        ':balance': change.balanceDeltaCents,
        ':deposited': change.depositedDeltaCents,
        ':returned': change.returnedDeltaCents,
        ':expired': change.expiredDeltaCents,
        ':shard': change.shard,
        ':entity': 'schemeTotal',
      };
      const names: Record<string, string> = {
        '#entity': 'entity',
        '#shard': 'shard',
        '#balance': 'balance',
        '#deposited': 'deposited',
        '#returned': 'returned',
        '#expired': 'expired',
      };
      let update = 'SET #entity = :entity, #shard = :shard ADD #balance :balance, #deposited :deposited, #returned :returned, #expired :expired';
      let condition: string | undefined;
      if (change.budgetRemainingDeltaCents !== undefined) {
        update += ', #budgetRemaining :budget';
        names['#budgetRemaining'] = 'budgetRemaining';
        values[':budget'] = change.budgetRemainingDeltaCents;
        if (change.budgetRemainingDeltaCents < 0) {
          condition = budgetCovers;
          values[':budgetNeeded'] = -change.budgetRemainingDeltaCents;
        }
      }
      add(condition === undefined ? 'total' : 'budget', {
        Update: {
          TableName: this.tableName,
          Key: key.total(change.funderId, change.schemeId, change.shard),
          UpdateExpression: update,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ...(condition !== undefined && { ConditionExpression: condition }),
        },
      });
    }
    for (const transfer of movement.transfers) {
      add('transfer', {
        Put: {
          TableName: this.tableName,
          Item: { ...key.transfer(transfer), entity: 'transfer', transferId: transfer.transferId, transfer },
          ConditionExpression: itemDoesNotExist,
        },
      });
    }
    if (items.length > 100) throw new Error(`commit: ${items.length} items exceed DynamoDB's 100 per transaction`);

    try {
      const result = await this.documents.send(new TransactWriteCommand({ TransactItems: items, ...this.capacity }));
      this.report('commit', result.ConsumedCapacity);
      return { kind: 'committed' };
    } catch (error) {
      if (error instanceof TransactionCanceledException) return cancellationResult(error.CancellationReasons ?? [], roles);
      throw error;
    }
  }

  private potUpdate(change: Movement['potChanges'][number]): TransactItem {
    const { pot } = change;
    const values: Record<string, unknown> = {
      ':entity': 'pot',
      ':potId': pot.potId,
      ':schemeId': pot.schemeId,
      ':label': pot.label,
      ':funder': pot.funder,
      ':revocable': pot.revocable,
      ':available': change.availableDeltaCents,
      ':reserved': change.reservedDeltaCents,
    };
    // Every attribute goes through a name placeholder: several of ours are DynamoDB reserved words.
    const names: Record<string, string> = {
      '#entity': 'entity',
      '#potId': 'potId',
      '#schemeId': 'schemeId',
      '#label': 'label',
      '#funder': 'funder',
      '#revocable': 'revocable',
      '#available': 'available',
      '#reserved': 'reserved',
    };
    const sets = ['#entity = :entity', '#potId = :potId', '#schemeId = :schemeId', '#label = if_not_exists(#label, :label)', '#funder = if_not_exists(#funder, :funder)', '#revocable = :revocable'];
    if (pot.expiresAt !== undefined) {
      names['#expiresAt'] = 'expiresAt';
      sets.push('#expiresAt = :expiresAt');
      values[':expiresAt'] = pot.expiresAt;
    }
    if (pot.categories !== undefined) {
      names['#categories'] = 'categories';
      sets.push('#categories = if_not_exists(#categories, :categories)');
      values[':categories'] = pot.categories;
    }
    if (pot.maxPerCourseCents !== undefined) {
      names['#maxPerCourse'] = 'maxPerCourse';
      sets.push('#maxPerCourse = if_not_exists(#maxPerCourse, :maxPerCourse)');
      values[':maxPerCourse'] = pot.maxPerCourseCents;
    }
    const conditions: string[] = [];
    let removes = '';
    if (change.takesAllAvailable === true) {
      // Expiry takes exactly what was available; anything that arrived since keeps the pot listed.
      conditions.push(availableIsExactly);
      values[':availableExact'] = -change.availableDeltaCents;
      removes = ' REMOVE gsi3pk, gsi3sk';
    } else if (change.availableDeltaCents < 0) {
      conditions.push(availableCovers);
      values[':availableNeeded'] = -change.availableDeltaCents;
    }
    if (pot.expiresAt !== undefined && change.availableDeltaCents > 0 && change.takesAllAvailable !== true) {
      // Money the person can spend now has a date by which it expires: the pot joins the expiry work list.
      names['#duePk'] = 'gsi3pk';
      names['#dueSk'] = 'gsi3sk';
      sets.push('#duePk = :duePk', '#dueSk = :dueSk');
      values[':duePk'] = due.pot(potExpiryListShard(pot.personId, limits.potExpiryListShards));
      values[':dueSk'] = potExpirySortKey({ personId: pot.personId, potId: pot.potId, expiresAt: pot.expiresAt });
    }
    if (change.reservedDeltaCents < 0) {
      conditions.push(reservedCovers);
      values[':reservedNeeded'] = -change.reservedDeltaCents;
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: key.pot(pot.personId, pot.potId),
        UpdateExpression: `SET ${sets.join(', ')} ADD #available :available, #reserved :reserved${removes}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(conditions.length > 0 && { ConditionExpression: conditions.join(' AND ') }),
      },
    };
  }

  async reconcile(): Promise<Reconciliation> {
    const balances = new Map<string, number>();
    const transfers: Transfer[] = [];
    const payouts: Payout[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new ScanCommand({ TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) {
        const pk = item['pk'] as string;
        switch (item['entity']) {
          case 'pot':
            balances.set(potAccount(pk.slice('PERSON#'.length), item['potId'] as string), (item['available'] as number) + (item['reserved'] as number));
            break;
          case 'schemeTotal': {
            const schemeId = (item['sk'] as string).split('#')[1] as string;
            const account = funderAccount(pk.slice('FUNDER#'.length), schemeId);
            balances.set(account, (balances.get(account) ?? 0) + (item['balance'] as number));
            break;
          }
          case 'transfer':
            transfers.push(item['transfer'] as Transfer);
            break;
          case 'payable': {
            const account = providerAccount(pk.slice('PROVIDER#'.length));
            balances.set(account, (balances.get(account) ?? 0) + (item['balance'] as number));
            break;
          }
          case 'payout':
            payouts.push(item['payout'] as Payout);
            break;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return reconcileBalances(balances, transfers, payouts);
  }

  private async queryAll(partition: string, prefix: string, operation?: string): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          ...(operation !== undefined && this.capacity),
        }),
      );
      if (operation !== undefined) this.report(operation, page.ConsumedCapacity);
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  /**
   * One page of an index. The cursor holds only the index sort key; the partition comes from the
   * caller, and the table key is rebuilt from the sort key, so a cursor cannot be pointed at
   * another list. With a filter, DynamoDB may return fewer items than asked for, so this reads on
   * until the page is full or the index is exhausted (bounded by `indexReadsPerPageMax`).
   */
  private async queryIndexPage(
    indexName: string,
    partition: string,
    prefix: string,
    page: PageRequest,
    ascending: boolean,
    tableKeyOf: (sortKey: string) => { pk: string; sk: string },
    filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<Page<Record<string, unknown>>> {
    const partitionName = `${indexName}pk`;
    const sortName = `${indexName}sk`;
    const limit = Math.min(page.limit, limits.pageSizeMax);
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, prefix);
    let startKey: Record<string, unknown> | undefined =
      after === undefined ? undefined : { ...tableKeyOf(after), [partitionName]: partition, [sortName]: after };
    const items: Array<Record<string, unknown>> = [];
    for (let read = 0; read < indexReadsPerPageMax && items.length <= limit; read += 1) {
      const result = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexName,
          KeyConditionExpression: '#partition = :partition AND begins_with(#sort, :prefix)',
          ExpressionAttributeNames: { '#partition': partitionName, '#sort': sortName, ...filter?.names },
          ExpressionAttributeValues: { ':partition': partition, ':prefix': prefix, ...filter?.values },
          ...(filter !== undefined && { FilterExpression: filter.expression }),
          ScanIndexForward: ascending,
          Limit: limit + 1,
          ...(startKey !== undefined && { ExclusiveStartKey: startKey }),
        }),
      );
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      if (startKey === undefined) break;
    }
    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    const more = items.length > limit || startKey !== undefined;
    return {
      items: pageItems,
      ...(more && last !== undefined && { nextCursor: encodeCursor(last[sortName] as string) }),
    };
  }

  private async queryPage(partition: string, prefix: string, page: PageRequest, ascending: boolean): Promise<Page<Record<string, unknown>>> {
    const limit = Math.min(page.limit, limits.pageSizeMax);
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, prefix);
    const result = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        ScanIndexForward: ascending,
        // One extra item tells whether there is a next page without a second round trip.
        Limit: limit + 1,
        ...(after !== undefined && { ExclusiveStartKey: { pk: partition, sk: after } }),
      }),
    );
    const items = result.Items ?? [];
    const pageItems = items.slice(0, limit);
    const last = pageItems.at(-1);
    return {
      items: pageItems,
      ...(items.length > limit && last !== undefined && { nextCursor: encodeCursor(last['sk'] as string) }),
    };
  }
}

/** A pot as stored, in its person's partition or on the expiry work list. */
function potFromItem(item: Record<string, unknown>): Pot {
  return {
    personId: (item['pk'] as string).slice('PERSON#'.length),
    potId: item['potId'] as string,
    schemeId: item['schemeId'] as string,
    label: item['label'] as string,
    funder: item['funder'] as Pot['funder'],
    ...(item['expiresAt'] !== undefined && { expiresAt: item['expiresAt'] as string }),
    revocable: item['revocable'] as boolean,
    ...(item['categories'] !== undefined && { categories: item['categories'] as string[] }),
    ...(item['maxPerCourse'] !== undefined && { maxPerCourseCents: item['maxPerCourse'] as number }),
    availableCents: item['available'] as number,
    reservedCents: item['reserved'] as number,
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A claim's table key from its index sort key (`CLAIM#<createdAt>#<claimId>`). */
function claimKeyFromSortKey(sortKey: string): { pk: string; sk: string } {
  const claimId = sortKey.split('#').at(-1);
  if (claimId === undefined || claimId === '') throw new InvalidCursorError();
  return key.claim(claimId);
}

/** Translates a cancelled transaction into the condition that failed, in order of precedence. */
function cancellationResult(reasons: readonly CancellationReason[], roles: readonly ItemRole[]): CommitResult {
  const failed = (role: ItemRole) =>
    reasons.findIndex((reason, index) => roles[index] === role && reason.Code === 'ConditionalCheckFailed');
  const idempotencyIndex = failed('idempotency');
  if (idempotencyIndex >= 0) {
    const old = reasons[idempotencyIndex]?.Item;
    if (old !== undefined) {
      return {
        kind: 'key_exists',
        record: { requestHash: String(old['requestHash']?.S), response: unmarshallResponse(old['response']) },
      };
    }
    // Older DynamoDB versions do not return the item; the caller reads it.
    return { kind: 'conflict' };
  }
  if (failed('employment') >= 0) return { kind: 'not_employed' };
  if (failed('employment-end') >= 0) return { kind: 'employment_changed' };
  if (failed('claim') >= 0) return { kind: 'claim_changed' };
  if (failed('provider') >= 0) return { kind: 'provider_not_active' };
  if (failed('claim-counter') >= 0) return { kind: 'claim_limit_reached' };
  if (failed('pot') >= 0 || failed('payable') >= 0) return { kind: 'insufficient_funds' };
  if (failed('budget') >= 0) return { kind: 'budget_exceeded' };
  return { kind: 'conflict' };
}

function unmarshallResponse(value: AttributeValue | undefined): IdempotencyRecord['response'] {
  if (value?.M === undefined) throw new Error('commit: the stored idempotency record has no response');
  return storedResponseOf(unmarshall(value.M) as StoredResponseItem);
}

/**
 * A response as kept in an idempotency record. The body is kept as the JSON text it was, because
 * a DynamoDB map does not keep the order of its keys: parsing the text gives back an object that
 * serialises to exactly the first answer's bytes.
 */
interface StoredResponseItem {
  readonly statusCode: number;
  readonly bodyJson: string;
}

function storedResponseItem(response: IdempotencyRecord['response']): StoredResponseItem {
  return { statusCode: response.statusCode, bodyJson: JSON.stringify(response.body) };
}

function storedResponseOf(item: StoredResponseItem): IdempotencyRecord['response'] {
  return { statusCode: item.statusCode, body: JSON.parse(item.bodyJson) as unknown };
}
