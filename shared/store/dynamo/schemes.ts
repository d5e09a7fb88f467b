import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Scheme } from '../../ledger/scheme.ts';
import type { SchemeTotalShard } from '../../ledger/scheme-totals.ts';
import type { Page, PageRequest } from '../ledger-store.ts';
import { itemDoesNotExist } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import { budgetShardItem, schemeTotalShardFromItem } from './items.ts';
import { funderPartition, key, sortKeyPrefix } from './keys.ts';
import { queryAll, queryPage } from './queries.ts';
import { type RoledItem, transact } from './transact.ts';

/**
 * Creates a scheme with its budget shards in one transaction, so a budgeted scheme never exists
 * without its budget. `exists` when the funder has a scheme with this id already; the shards of
 * an existing scheme are left alone.
 */
export async function createScheme(
  dynamo: DynamoContext,
  scheme: Scheme,
  budgetShardsCents: readonly number[] = [],
): Promise<'created' | 'exists'> {
  const funderId = scheme.funder.funderId;
  const items: RoledItem[] = [
    {
      role: 'scheme',
      item: {
        Put: {
          TableName: dynamo.tableName,
          Item: { ...key.scheme(funderId, scheme.schemeId), entity: 'scheme', scheme },
          ConditionExpression: itemDoesNotExist,
        },
      },
    },
    ...budgetShardsCents.map(
      (budgetRemaining, shard): RoledItem => ({
        role: 'total',
        item: {
          Put: {
            TableName: dynamo.tableName,
            Item: budgetShardItem(funderId, scheme.schemeId, shard, budgetRemaining),
            ConditionExpression: itemDoesNotExist,
          },
        },
      }),
    ),
  ];
  const result = await transact(dynamo, 'createScheme', items, (cancellation) => {
    // A shard without its scheme would be a bug elsewhere, not an answer: let it surface.
    if (cancellation.failed('scheme')) return 'exists' as const;
    throw cancellation.error;
  });
  return result === 'exists' ? 'exists' : 'created';
}

/** A funder's scheme, read strongly consistent. */
export async function getScheme(
  dynamo: DynamoContext,
  funderId: string,
  schemeId: string,
): Promise<Scheme | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.scheme(funderId, schemeId), ConsistentRead: true }),
  );
  return result.Item?.['scheme'] as Scheme | undefined;
}

/** A funder's schemes, by id. */
export async function listSchemes(dynamo: DynamoContext, funderId: string, page: PageRequest): Promise<Page<Scheme>> {
  const result = await queryPage(dynamo, funderPartition(funderId), sortKeyPrefix.scheme, page, true);
  return { ...result, items: result.items.map((item) => item['scheme'] as Scheme) };
}

/** Every total shard of a scheme, by shard number. */
export async function getSchemeTotals(
  dynamo: DynamoContext,
  funderId: string,
  schemeId: string,
): Promise<SchemeTotalShard[]> {
  const items = await queryAll(dynamo, funderPartition(funderId), sortKeyPrefix.total(schemeId));
  return items.map(schemeTotalShardFromItem);
}
