import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { limits } from '../../ledger/limits.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { type AccountRead, InvalidCursorError, type Page, type PageRequest, type PotDue } from '../ledger-store.ts';
import { compareStrings, listPrefix, transferSortKey } from '../sort-keys.ts';
import type { DynamoContext } from './context.ts';
import { potFromItem } from './items.ts';
import { key, personPartition, sortKeyPrefix, workList } from './keys.ts';
import { movementRecordFromItem } from './movement-record.ts';
import { queryAll, queryBetween, queryWorkList } from './queries.ts';

/** A person's pots, by pot id. */
export async function listPots(dynamo: DynamoContext, personId: string): Promise<Pot[]> {
  const items = await queryAll(dynamo, personPartition(personId), sortKeyPrefix.pot);
  return items.map(potFromItem);
}

/**
 * A person's pots and first visit in one Query: the profile's sort key (`PROFILE`) follows the
 * pots' (`POT#…`) in the person's partition, with nothing between them. The one read of the
 * balance overview, so its capacity is reported.
 */
export async function readAccount(dynamo: DynamoContext, personId: string): Promise<AccountRead> {
  const profileSortKey = key.profile(personId).sk;
  const items = await queryBetween(dynamo, personPartition(personId), sortKeyPrefix.pot, profileSortKey, 'readAccount');
  const profile = items.find((item) => item['sk'] === profileSortKey);
  return {
    pots: items.filter((item) => (item['sk'] as string).startsWith(sortKeyPrefix.pot)).map(potFromItem),
    ...(profile !== undefined && { firstSeenAt: profile['firstSeenAt'] as string }),
  };
}

/**
 * A person's transfers, newest first, from gsi5, where each movement record with transfers is
 * listed under its person by its first transfer's sort key (see `movement-record.ts`); within a
 * record, newest first too. A page holds at most `limit` transfers, so it may end inside a
 * record: the cursor names the record's index sort key and how many of its transfers were shown.
 */
export async function listTransfers(
  dynamo: DynamoContext,
  personId: string,
  page: PageRequest,
): Promise<Page<Transfer>> {
  const limit = Math.min(page.limit, limits.pageSizeMax);
  const after = page.cursor === undefined ? undefined : transferCursorOf(page.cursor);
  // Every record holds at least one transfer, so `limit + 1` records fill the page and tell whether
  // there is more; after a cursor, one more, because the cursor's own record may have nothing left.
  const result = await dynamo.documents.send(
    new QueryCommand({
      TableName: dynamo.tableName,
      IndexName: 'gsi5',
      KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk BETWEEN :low AND :high',
      ExpressionAttributeValues: {
        ':pk': personPartition(personId),
        ':low': listPrefix.transfer,
        // The highest key that starts with the prefix: every transfer sort key is below it.
        ':high': after?.recordKey ?? `${listPrefix.transfer}\uffff`,
      },
      ScanIndexForward: false,
      Limit: limit + (after === undefined ? 1 : 2),
    }),
  );
  const shown: Array<{ transfer: Transfer; recordKey: string; index: number }> = [];
  for (const item of result.Items ?? []) {
    const recordKey = item['gsi5sk'] as string;
    const transfers = [...(movementRecordFromItem(item).transfers ?? [])].sort((a, b) =>
      compareStrings(transferSortKey(b), transferSortKey(a)),
    );
    const skip = recordKey === after?.recordKey ? after.shown : 0;
    transfers.slice(skip).forEach((transfer, index) => {
      shown.push({ transfer, recordKey, index: skip + index + 1 });
    });
  }
  const pageEntries = shown.slice(0, limit);
  const last = pageEntries.at(-1);
  // A page of at most `limit + 2` index entries of about 1 KB stays far below a Query's 1 MB, so
  // when fewer than `limit` transfers are left, DynamoDB returned every record there is.
  const more = shown.length > limit;
  return {
    items: pageEntries.map((entry) => entry.transfer),
    ...(more && last !== undefined && { nextCursor: encodeCursor(`${last.recordKey}|${last.index}`) }),
  };
}

/** A transfers cursor: the index sort key of the record the page ended in and how many of its transfers were shown. */
function transferCursorOf(cursor: string): { recordKey: string; shown: number } {
  const text = decodeCursor(cursor, listPrefix.transfer);
  const separator = text.lastIndexOf('|');
  const shown = Number(text.slice(separator + 1));
  if (separator < 0 || !Number.isSafeInteger(shown) || shown < 1) throw new InvalidCursorError();
  return { recordKey: text.slice(0, separator), shown };
}

/**
 * Pots on the expiry work list whose expiry date is before `before`, earliest first. The list
 * (gsi3) holds only keys for pots, so a deposit or approval that changes a pot's balance writes no
 * index entry: the pot is named by its table key and its expiry by its index sort key.
 */
export async function listPotsDue(dynamo: DynamoContext, before: string, limit: number): Promise<PotDue[]> {
  // Each shard's first `limit` in order, merged: the overall first `limit` are among them.
  const shards = await Promise.all(
    Array.from({ length: limits.potExpiryListShards }, (_, shard) =>
      queryWorkList(dynamo, workList.pot(shard), before, limit),
    ),
  );
  return shards
    .flat()
    .sort((a, b) => compareStrings(a['gsi3sk'] as string, b['gsi3sk'] as string))
    .slice(0, limit)
    .map((item) => ({
      personId: (item['pk'] as string).slice(personPartition('').length),
      potId: (item['sk'] as string).slice(sortKeyPrefix.pot.length),
      expiresAt: (item['gsi3sk'] as string).slice(0, (item['gsi3sk'] as string).indexOf('#')),
    }));
}
