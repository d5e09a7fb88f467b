import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../ledger/audit.ts';
import { addDays } from '../../ledger/dates.ts';
import { limits } from '../../ledger/limits.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { AuditPeriod, Page, PageRequest } from '../ledger-store.ts';
import { auditDayOf, auditSortKeyPrefix, compareStrings } from '../sort-keys.ts';
import { itemDoesNotExist } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import type { Item } from './items.ts';
import { auditPartition, key } from './keys.ts';
import { movementRecordFromItem, movementRecordItem } from './movement-record.ts';
import { putIfAbsent } from './put-if-absent.ts';
import type { RoledItem } from './transact.ts';

/** An audit entry that records no money, as a movement record of its own, listed on its day's shard. */
function auditItem(record: AuditRecord): Item {
  return movementRecordItem(key.auditEntry(record.auditId), { audit: record });
}

/**
 * The audit entry as a transaction item, to be written with the change it records. Its id is
 * random, so the condition only guards against a bug that would overwrite an entry.
 */
export function auditPut(tableName: string, record: AuditRecord): RoledItem {
  return {
    role: 'audit',
    item: {
      Put: {
        TableName: tableName,
        Item: auditItem(record),
        ConditionExpression: itemDoesNotExist,
      },
    },
  };
}

/**
 * Writes one audit entry on its own, with the same item and condition as in a transaction. Its id
 * is random, so an entry already there is this very write, done by an attempt whose reply was lost
 * and then retried by the SDK: that is done, not a failure (it was a 500 before the fault tests).
 */
export async function recordAudit(dynamo: DynamoContext, record: AuditRecord): Promise<void> {
  await putIfAbsent(dynamo, auditItem(record));
}

/**
 * One page of the audit trail, oldest first, from gsi4, where every movement record with an audit
 * entry is listed (see `movement-record.ts`). Each day is spread over `limits.auditShards`
 * index partitions; a page queries the shards of a day in parallel, each for at most what the page
 * still needs after the cursor, and merges them by sort key: the day's first entries are among
 * what the shards return. Days are read in order until the page is full. The cursor is the last
 * entry's sort key, which names its day, so it cannot point outside the audit trail.
 */
export async function listAudit(
  dynamo: DynamoContext,
  period: AuditPeriod,
  page: PageRequest,
): Promise<Page<AuditRecord>> {
  const limit = Math.min(page.limit, limits.pageSizeMax);
  const after = page.cursor === undefined ? auditSortKeyPrefix : decodeCursor(page.cursor, auditSortKeyPrefix);
  const items: Item[] = [];
  const firstDay = after === auditSortKeyPrefix || auditDayOf(after) < period.from ? period.from : auditDayOf(after);
  // A listing may span at most `auditRangeDaysMax` days: a page never reads more days than that.
  const daysMax = limits.auditRangeDaysMax + 1;
  for (
    let day = firstDay, read = 0;
    day <= period.to && items.length <= limit && read < daysMax;
    day = addDays(day, 1), read += 1
  ) {
    const wanted = limit + 1 - items.length;
    const shards = await Promise.all(
      Array.from({ length: limits.auditShards }, (_, shard) =>
        dynamo.documents.send(
          new QueryCommand({
            TableName: dynamo.tableName,
            IndexName: 'gsi4',
            KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk > :after',
            ExpressionAttributeValues: { ':pk': auditPartition(day, shard), ':after': after },
            ScanIndexForward: true,
            Limit: wanted,
          }),
        ),
      ),
    );
    const merged = shards
      .flatMap((result) => result.Items ?? [])
      .sort((a, b) => compareStrings(a['gsi4sk'] as string, b['gsi4sk'] as string));
    items.push(...merged.slice(0, wanted));
  }
  const pageItems = items.slice(0, limit);
  const last = pageItems.at(-1);
  return {
    items: pageItems.map((item) => auditOf(item)),
    ...(items.length > limit && last !== undefined && { nextCursor: encodeCursor(last['gsi4sk'] as string) }),
  };
}

/** The audit entry of a record listed on gsi4; only records with one are listed there. */
function auditOf(item: Item): AuditRecord {
  const { audit } = movementRecordFromItem(item);
  if (audit === undefined) throw new Error(`audit trail: record ${String(item['pk'])} has no audit entry`);
  return audit;
}
