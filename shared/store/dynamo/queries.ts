import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { limits } from '../../ledger/limits.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Page, PageRequest } from '../ledger-store.ts';
import type { DynamoContext } from './context.ts';
import type { Item } from './items.ts';
import type { TableKey } from './keys.ts';

/** How many index reads one filtered page may take before it answers with what it has. */
const indexReadsPerPageMax = 10;

/**
 * Every item of a partition whose sort key starts with `prefix`, strongly consistent, read to the
 * end. With `operation`, the consumed capacity is reported under that name.
 */
export function queryAll(
  dynamo: DynamoContext,
  partition: string,
  prefix: string,
  operation?: string,
): Promise<Item[]> {
  return queryRange(
    dynamo,
    partition,
    { expression: 'begins_with(sk, :prefix)', values: { ':prefix': prefix } },
    operation,
  );
}

/** Every item of a partition whose sort key is from `from` to `to`, both included; as {@link queryAll}. */
export function queryBetween(
  dynamo: DynamoContext,
  partition: string,
  from: string,
  to: string,
  operation?: string,
): Promise<Item[]> {
  return queryRange(
    dynamo,
    partition,
    { expression: 'sk BETWEEN :from AND :to', values: { ':from': from, ':to': to } },
    operation,
  );
}

async function queryRange(
  dynamo: DynamoContext,
  partition: string,
  sortKey: { readonly expression: string; readonly values: Record<string, string> },
  operation?: string,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamo.documents.send(
      new QueryCommand({
        TableName: dynamo.tableName,
        KeyConditionExpression: `pk = :pk AND ${sortKey.expression}`,
        ExpressionAttributeValues: { ':pk': partition, ...sortKey.values },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        ...(operation !== undefined && dynamo.capacityRequest),
      }),
    );
    if (operation !== undefined) dynamo.reportCapacity(operation, page.ConsumedCapacity);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/**
 * One page of a partition's items whose sort key starts with `prefix`. The cursor is the last
 * item's sort key and must start with `prefix`, so it cannot be pointed at another list.
 */
export async function queryPage(
  dynamo: DynamoContext,
  partition: string,
  prefix: string,
  page: PageRequest,
  ascending: boolean,
): Promise<Page<Item>> {
  const limit = Math.min(page.limit, limits.pageSizeMax);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, prefix);
  const result = await dynamo.documents.send(
    new QueryCommand({
      TableName: dynamo.tableName,
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

/** A filter on the items of an index page, with the placeholders it uses. */
export interface IndexFilter {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/** Which list to read a filtered page of: on an index, or (without `indexName`) on the table itself. */
type IndexList = {
  readonly partition: string;
  readonly prefix: string;
  readonly ascending: boolean;
  readonly filter?: IndexFilter;
} & (
  | {
      /** `gsi1` or `gsi2`; its key attributes are `<index>pk` and `<index>sk`. */
      readonly indexName: string;
      /** Rebuilds an item's table key from its index sort key, to resume after a cursor. */
      readonly tableKeyOf: (sortKey: string) => TableKey;
    }
  | { readonly indexName?: undefined }
);

/**
 * One page of an index, or of a table partition without `indexName`. The cursor holds only the
 * (index) sort key; the partition comes from the caller, and the table key is rebuilt from the
 * sort key, so a cursor cannot be pointed at another list. With a filter, DynamoDB may return
 * fewer items than asked for, so this reads on until the page is full or the list is exhausted
 * (bounded by `indexReadsPerPageMax`).
 */
export async function queryIndexPage(dynamo: DynamoContext, list: IndexList, page: PageRequest): Promise<Page<Item>> {
  const { indexName, partition, prefix, filter } = list;
  const partitionName = `${indexName ?? ''}pk`;
  const sortName = `${indexName ?? ''}sk`;
  const limit = Math.min(page.limit, limits.pageSizeMax);
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, prefix);
  const tableKey = (sortKey: string) => (list.indexName === undefined ? {} : list.tableKeyOf(sortKey));
  let startKey: Item | undefined =
    after === undefined ? undefined : { ...tableKey(after), [partitionName]: partition, [sortName]: after };
  const items: Item[] = [];
  for (let read = 0; read < indexReadsPerPageMax && items.length <= limit; read += 1) {
    const result = await dynamo.documents.send(
      new QueryCommand({
        TableName: dynamo.tableName,
        ...(indexName !== undefined && { IndexName: indexName }),
        KeyConditionExpression: '#partition = :partition AND begins_with(#sort, :prefix)',
        ExpressionAttributeNames: { '#partition': partitionName, '#sort': sortName, ...filter?.names },
        ExpressionAttributeValues: { ':partition': partition, ':prefix': prefix, ...filter?.values },
        ...(filter !== undefined && { FilterExpression: filter.expression }),
        ScanIndexForward: list.ascending,
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

/**
 * The first `limit` items of one of the jobs' work lists on gsi3 (see `workList` in `keys.ts`),
 * in sort key order, whose sort key is below `before`. Claims due, pots due, unfiled payouts and
 * unwritten payout files are all read through this one query.
 */
export async function queryWorkList(
  dynamo: DynamoContext,
  partition: string,
  before: string,
  limit: number,
): Promise<Item[]> {
  const result = await dynamo.documents.send(
    new QueryCommand({
      TableName: dynamo.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
      ExpressionAttributeValues: { ':pk': partition, ':before': before },
      Limit: limit,
    }),
  );
  return result.Items ?? [];
}
