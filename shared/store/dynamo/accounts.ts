import { limits } from '../../ledger/limits.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Transfer } from '../../ledger/transfer.ts';
import type { Page, PageRequest } from '../ledger-store.ts';
import { compareStrings } from '../sort-keys.ts';
import type { DynamoContext } from './context.ts';
import { potFromItem } from './items.ts';
import { personPartition, sortKeyPrefix, workList } from './keys.ts';
import { queryAll, queryPage, queryWorkList } from './queries.ts';

/** A person's pots, by pot id; the one read of the overview, so its capacity is reported. */
export async function listPots(dynamo: DynamoContext, personId: string): Promise<Pot[]> {
  const items = await queryAll(dynamo, personPartition(personId), sortKeyPrefix.pot, 'listPots');
  return items.map(potFromItem);
}

/** A person's transfers, newest first. */
export async function listTransfers(
  dynamo: DynamoContext,
  personId: string,
  page: PageRequest,
): Promise<Page<Transfer>> {
  const result = await queryPage(dynamo, personPartition(personId), sortKeyPrefix.transfer, page, false);
  return { ...result, items: result.items.map((item) => item['transfer'] as Transfer) };
}

/** Pots on the expiry work list whose expiry date is before `before`, earliest first. */
export async function listPotsDue(dynamo: DynamoContext, before: string, limit: number): Promise<Pot[]> {
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
    .map(potFromItem);
}
