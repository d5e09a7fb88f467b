import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PersonCount } from '../../ledger/person-count.ts';
import { noFlows, type UsageDay, type UsageDayKey, type UsageFlows, usageFlowNames } from '../../ledger/usage.ts';
import type {
  ShardMark,
  StreamShardProgress,
  UsageAggregate,
  UsageAggregateStore,
  UsageReportStore,
} from '../usage-store.ts';
import { itemDoesNotExist } from './conditions.ts';
import { type DynamoContext, type DynamoLedgerStoreOptions, dynamoContext } from './context.ts';
import type { Item } from './items.ts';
import type { TableKey } from './keys.ts';
import { queryBetween } from './queries.ts';

/** The partition of a scheme's daily usage aggregates. */
export function usagePartition(funderId: string, schemeId: string): string {
  return `USAGE#${funderId}#${schemeId}`;
}

/** The keys of the usage report's items (see the key layout in `table-definition.ts`). */
export const usageKey = {
  day: (key: UsageDayKey): TableKey => ({ pk: usagePartition(key.funderId, key.schemeId), sk: `DAY#${key.day}` }),
  progress: (shardId: string): TableKey => ({ pk: usageProgressPartition, sk: `SHARD#${shardId}` }),
};

/** The one partition of the aggregator's progress per stream shard. */
export const usageProgressPartition = 'USAGEPROGRESS';

/** The stored aggregate has the version that was read. */
const versionIsAsRead = '#version = :expectedVersion';

/**
 * The usage aggregates in the ledger table. An aggregate is written whole (it is a few KB at
 * most), conditioned on the version read, so concurrent writers (one per stream shard) never lose
 * each other's counts: the loser gets `conflict` and reads again.
 */
export class DynamoUsageStore implements UsageAggregateStore, UsageReportStore {
  private readonly dynamo: DynamoContext;

  constructor(options: DynamoLedgerStoreOptions) {
    this.dynamo = dynamoContext(options);
  }

  async getUsageAggregate(key: UsageDayKey): Promise<UsageAggregate | undefined> {
    const result = await this.dynamo.documents.send(
      new GetCommand({ TableName: this.dynamo.tableName, Key: usageKey.day(key), ConsistentRead: true }),
    );
    return result.Item === undefined ? undefined : aggregateFromItem(result.Item);
  }

  async putUsageAggregate(
    aggregate: UsageDay & Pick<UsageAggregate, 'marks'>,
    expectedVersion: number,
  ): Promise<'written' | 'conflict'> {
    try {
      await this.dynamo.documents.send(
        new PutCommand({
          TableName: this.dynamo.tableName,
          Item: aggregateItem({ ...aggregate, version: expectedVersion + 1 }),
          ...(expectedVersion === 0
            ? { ConditionExpression: itemDoesNotExist }
            : {
                ConditionExpression: versionIsAsRead,
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expectedVersion': expectedVersion },
              }),
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  }

  async getStreamProgress(shardId: string): Promise<StreamShardProgress | undefined> {
    const result = await this.dynamo.documents.send(
      new GetCommand({ TableName: this.dynamo.tableName, Key: usageKey.progress(shardId), ConsistentRead: true }),
    );
    return result.Item?.['progress'] as StreamShardProgress | undefined;
  }

  async putStreamProgress(progress: StreamShardProgress): Promise<void> {
    await this.dynamo.documents.send(
      new PutCommand({
        TableName: this.dynamo.tableName,
        Item: { ...usageKey.progress(progress.shardId), entity: 'usage-progress', progress },
      }),
    );
  }

  async listUsageDays(
    funderId: string,
    schemeId: string,
    period: { readonly from: string; readonly to: string },
  ): Promise<UsageDay[]> {
    const items = await queryBetween(
      this.dynamo,
      usagePartition(funderId, schemeId),
      `DAY#${period.from}`,
      `DAY#${period.to}`,
    );
    return items.map(aggregateFromItem);
  }

  async listStreamProgress(): Promise<StreamShardProgress[]> {
    const progress: StreamShardProgress[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.dynamo.documents.send(
        new QueryCommand({
          TableName: this.dynamo.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': usageProgressPartition },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) progress.push(item['progress'] as StreamShardProgress);
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return progress;
  }
}

/** An aggregate as an item: the flows as numbers, the persons as a list of hashes or the sketch's bytes. */
function aggregateItem(aggregate: UsageAggregate): Item {
  return {
    ...usageKey.day(aggregate),
    entity: 'usage',
    funderId: aggregate.funderId,
    schemeId: aggregate.schemeId,
    day: aggregate.day,
    flows: { ...aggregate.flowsCents },
    ...(aggregate.persons.kind === 'exact'
      ? { personHashes: [...aggregate.persons.hashes] }
      : { personSketch: aggregate.persons.registers }),
    marks: aggregate.marks,
    version: aggregate.version,
  };
}

function aggregateFromItem(item: Item): UsageAggregate {
  const stored = (item['flows'] ?? {}) as Partial<Record<string, number>>;
  const flows = Object.fromEntries(usageFlowNames.map((name) => [name, stored[name] ?? noFlows[name]])) as UsageFlows;
  const sketch = item['personSketch'];
  const persons: PersonCount =
    sketch instanceof Uint8Array
      ? { kind: 'sketch', registers: sketch }
      : { kind: 'exact', hashes: (item['personHashes'] as string[] | undefined) ?? [] };
  return {
    funderId: String(item['funderId']),
    schemeId: String(item['schemeId']),
    day: String(item['day']),
    flowsCents: flows,
    persons,
    marks: (item['marks'] ?? {}) as Record<string, ShardMark>,
    version: Number(item['version']),
  };
}
