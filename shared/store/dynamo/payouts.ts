import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { PayableShard, PayoutFile, PayoutPlan } from '../../ledger/payout.ts';
import type { Payout } from '../../ledger/provider.ts';
import type { Page, PageRequest, PayoutCommitResult, PayoutFileCommitResult } from '../ledger-store.ts';
import { payoutFileSortKey, payoutSortKey } from '../sort-keys.ts';
import { auditPut } from './audit-trail.ts';
import { claimIsCaptured, itemDoesNotExist, itemExists, payableCovers, payoutNotFiled } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import { claimItem, payableShardFromItem } from './items.ts';
import { key, providerPartition, sortKeyPrefix, workList } from './keys.ts';
import { queryAll, queryPage, queryWorkList } from './queries.ts';
import { type Cancellation, type RoledItem, transact } from './transact.ts';

/**
 * Payouts and SEPA payout files. A payout pays a provider's captured claims from its payable
 * shards; a file then takes unfiled payouts, each at most once. Both are written as one
 * transaction each, and both are on the jobs' work lists until the next step has handled them.
 */

/**
 * The transaction items of a payout, in the order they are sent: the payout record (new, and on
 * the unfiled list), each claim as `paid` while still `captured`, each payable shard while it
 * covers what is taken, and the audit entry. Pure: no I/O.
 */
export function payoutItems(tableName: string, plan: PayoutPlan, audit?: AuditRecord): RoledItem[] {
  const { payout } = plan;
  const items: RoledItem[] = [
    {
      role: 'payout',
      item: {
        Put: {
          TableName: tableName,
          Item: {
            ...key.payout(payout),
            entity: 'payout',
            payout,
            gsi3pk: workList.payout,
            gsi3sk: payoutSortKey(payout),
          },
          ConditionExpression: itemDoesNotExist,
        },
      },
    },
  ];
  for (const claim of plan.claims) {
    items.push({
      role: 'claim',
      item: {
        Put: {
          TableName: tableName,
          Item: claimItem(claim),
          ConditionExpression: claimIsCaptured,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':captured': 'captured' },
        },
      },
    });
  }
  for (const change of plan.payableChanges) {
    items.push({
      role: 'payable',
      item: {
        Update: {
          TableName: tableName,
          Key: key.payable(change.providerId, change.shard),
          UpdateExpression: 'ADD #balance :balance',
          ConditionExpression: payableCovers,
          ExpressionAttributeNames: { '#balance': 'balance' },
          ExpressionAttributeValues: { ':balance': change.balanceDeltaCents, ':needed': -change.balanceDeltaCents },
        },
      },
    });
  }
  if (audit !== undefined) items.push(auditPut(tableName, audit));
  return items;
}

/** Writes a payout as one transaction; see `PayoutStore.commitPayout`. */
export async function commitPayout(
  dynamo: DynamoContext,
  plan: PayoutPlan,
  audit?: AuditRecord,
): Promise<PayoutCommitResult> {
  return transact(dynamo, 'commitPayout', payoutItems(dynamo.tableName, plan, audit), payoutResultOf);
}

/**
 * Translates a cancelled payout. The payout id derives from its claims, so an existing payout
 * record means these claims were paid already: that, like a claim no longer `captured`, is
 * `claim_changed`. Only then do the payable shards count.
 */
export function payoutResultOf(cancellation: Cancellation): PayoutCommitResult {
  if (cancellation.failed('claim') || cancellation.failed('payout')) return { kind: 'claim_changed' };
  if (cancellation.failed('payable')) return { kind: 'insufficient_funds' };
  return { kind: 'conflict' };
}

/**
 * The transaction items of a payout file: the file record (new, and on the unwritten list), and
 * each payout named with the file and taken off the unfiled list while it is in no file yet.
 * Each payout item carries the payout's id, so a refusal can name the payouts taken. Pure: no I/O.
 */
export function payoutFileItems(tableName: string, file: PayoutFile): RoledItem[] {
  const record: RoledItem = {
    role: 'payout-file',
    item: {
      Put: {
        TableName: tableName,
        Item: {
          ...key.payoutFile(file.fileId),
          entity: 'payoutFile',
          file,
          gsi3pk: workList.payoutFile,
          gsi3sk: payoutFileSortKey(file),
        },
        ConditionExpression: itemDoesNotExist,
      },
    },
  };
  const payouts = file.entries.map(
    (entry): RoledItem => ({
      role: 'payout',
      subject: entry.payoutId,
      item: {
        Update: {
          TableName: tableName,
          Key: key.payout({ providerId: entry.providerId, createdAt: entry.payoutCreatedAt, payoutId: entry.payoutId }),
          // The payout leaves the unfiled list and names its file, in the item and in the stored payout,
          // and records the name and IBAN the file pays (its own, unless it was held and re-pointed).
          UpdateExpression:
            'SET #fileId = :fileId, #payout.#fileId = :fileId, #payout.#providerName = :providerName, ' +
            '#payout.#iban = :iban REMOVE gsi3pk, gsi3sk',
          ConditionExpression: payoutNotFiled,
          ExpressionAttributeNames: {
            '#fileId': 'fileId',
            '#payout': 'payout',
            '#providerName': 'providerName',
            '#iban': 'iban',
          },
          ExpressionAttributeValues: {
            ':fileId': file.fileId,
            ':providerName': entry.providerName,
            ':iban': entry.iban,
          },
        },
      },
    }),
  );
  return [record, ...payouts];
}

/** Records a payout file as one transaction; see `PayoutStore.commitPayoutFile`. */
export async function commitPayoutFile(dynamo: DynamoContext, file: PayoutFile): Promise<PayoutFileCommitResult> {
  const allPayoutIds = file.entries.map((entry) => entry.payoutId);
  return transact(dynamo, 'commitPayoutFile', payoutFileItems(dynamo.tableName, file), (cancellation) =>
    payoutFileResultOf(cancellation, allPayoutIds),
  );
}

/**
 * Translates a cancelled payout file: the payouts that are in another file already, by name. The
 * file id derives from its payouts, so an existing file record means they are all taken.
 */
export function payoutFileResultOf(
  cancellation: Cancellation,
  allPayoutIds: readonly string[],
): PayoutFileCommitResult {
  const taken = cancellation.subjects('payout');
  if (taken.length > 0) return { kind: 'payouts_taken', payoutIds: taken };
  if (cancellation.failed('payout-file')) return { kind: 'payouts_taken', payoutIds: [...allPayoutIds] };
  return { kind: 'conflict' };
}

/** A provider's payouts, newest first. */
export async function listPayouts(dynamo: DynamoContext, providerId: string, page: PageRequest): Promise<Page<Payout>> {
  const result = await queryPage(dynamo, providerPartition(providerId), sortKeyPrefix.payout, page, false);
  return { ...result, items: result.items.map((item) => item['payout'] as Payout) };
}

/** The shards of a provider's payable account. */
export async function getPayableShards(dynamo: DynamoContext, providerId: string): Promise<PayableShard[]> {
  const items = await queryAll(dynamo, providerPartition(providerId), sortKeyPrefix.payable);
  return items.map(payableShardFromItem);
}

/** Sorts after every ISO timestamp: reads a whole work list whose sort keys start with one. */
const afterEveryTimestamp = '~';

/** Payouts not yet in a file, oldest first. */
export async function listPayoutsUnfiled(dynamo: DynamoContext, limit: number): Promise<Payout[]> {
  const items = await queryWorkList(dynamo, workList.payout, afterEveryTimestamp, limit);
  return items.map((item) => item['payout'] as Payout);
}

/** Recorded files whose content has not been written yet, oldest first. */
export async function listPayoutFilesUnwritten(dynamo: DynamoContext, limit: number): Promise<PayoutFile[]> {
  const items = await queryWorkList(dynamo, workList.payoutFile, afterEveryTimestamp, limit);
  return items.map((item) => item['file'] as PayoutFile);
}

/** Takes a recorded file off the unwritten list; the first time it was written is kept. */
export async function markPayoutFileWritten(dynamo: DynamoContext, fileId: string, at: string): Promise<void> {
  await dynamo.documents.send(
    new UpdateCommand({
      TableName: dynamo.tableName,
      Key: key.payoutFile(fileId),
      UpdateExpression: 'SET #writtenAt = if_not_exists(#writtenAt, :at) REMOVE gsi3pk, gsi3sk',
      ConditionExpression: itemExists,
      ExpressionAttributeNames: { '#writtenAt': 'writtenAt' },
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}
