import {
  type AttributeValue,
  type ConsumedCapacity,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { Reply } from '../../shared/application/reply.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import { tableDefinition } from '../../shared/store/table-definition.ts';
import { round } from './in-flight.ts';
import { itemSizeBytes, transactionalWriteUnits, writeUnitBytes } from './item-size.ts';

/**
 * What one use case call costs in capacity units, two ways: what DynamoDB Local reports, and what
 * DynamoDB's documented rules give for the items it wrote. The rules column charges every
 * transaction item 2 WCU per started KB of the larger of the item before and after (a
 * ConditionCheck as a write of the item it checks, as AWS bills it); the index column adds what
 * the table's GSIs cost by the rules for index writes (see {@link indexCost}). DynamoDB Local's
 * figures for transactions match the rules for some and not for others, in both directions
 * (awslabs/amazon-dynamodb-local-samples#31): plan with the rules. Used for deposits
 * (`capacity.ts`) and the claim flow (`claims.ts`).
 */

/** One item of a use case's transaction and what the rules charge for it, table and indexes. */
export interface ItemCost {
  readonly role: string;
  readonly action: 'Put' | 'Update' | 'ConditionCheck' | 'Delete';
  /** The larger of the item before and after the transaction (0 when it did not exist and was not written). */
  readonly sizeBytes: number;
  readonly writeUnits: number;
  /** Index entries written (a changed index key is a delete and a put). */
  readonly indexWrites: number;
  readonly indexWriteUnits: number;
}

/** What one use case call cost. */
export interface UseCaseCapacity {
  readonly request: string;
  /** Pots the transaction changed. */
  readonly pots: number;
  readonly commitReportedWcu: number;
  readonly commitRulesWcu: number;
  /** The table's rules figure per pot touched (the whole commit divided by `pots`; absent without pots). */
  readonly commitRulesWcuPerPot?: number;
  /** Index write units by the rules, on top of the commit's. */
  readonly indexRulesWcu: number;
  readonly items: readonly ItemCost[];
  /** Every request of the use case, reads included, in order. */
  readonly requests: readonly RequestCost[];
  /** Read units of the use case's reads (everything but the commit), as DynamoDB Local reported them. */
  readonly readsReportedRcu: number;
}

/** Every request one deposit made, with the capacity DynamoDB Local reported for it. */
export interface RequestCost {
  readonly operation: string;
  readonly reportedUnits: number;
}

/** A client whose every request asks for consumed capacity and whose transaction items are kept. */
export interface InstrumentedClient {
  /** Requests since the last `take`, with the capacity reported for each. */
  take(): { requests: RequestCost[]; transactItems: TransactWriteItem[] };
}

export function instrument(client: DynamoDBClient): InstrumentedClient {
  let requests: RequestCost[] = [];
  let transactItems: TransactWriteItem[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = { ReturnConsumedCapacity: 'TOTAL', ...(args.input as object) };
      const result = await next({ ...args, input: input as typeof args.input });
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
      requests.push({
        operation: (context.commandName ?? 'unknown').replace(/Command$/, ''),
        reportedUnits: list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0),
      });
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  // After serialisation the document client has marshalled the items, so sizes can be taken as stored.
  client.middlewareStack.add(
    (next) => async (args) => {
      const items = (args.input as { TransactItems?: TransactWriteItem[] }).TransactItems;
      if (items !== undefined) transactItems.push(...items);
      return next(args);
    },
    { step: 'build', name: 'benchTransactItems' },
  );
  return {
    take() {
      const taken = { requests, transactItems };
      requests = [];
      transactItems = [];
      return taken;
    },
  };
}

export function roleOf(key: Record<string, AttributeValue> | undefined): string {
  const sk = key?.['sk']?.S ?? '';
  if (sk === 'IDEMPOTENCY' || sk === 'MOVEMENT' || sk === 'AUDITENTRY') return 'movement record';
  if (sk === 'CLAIM') return 'claim';
  if (sk === 'PROVIDER') return 'provider';
  if (sk.startsWith('PAYABLE#')) return 'payable shard';
  if (sk.startsWith('CLAIMCOUNT#')) return 'claim counter';
  if (sk.startsWith('COURSEUSE#')) return 'course use';
  if (sk.startsWith('POT#')) return 'pot';
  if (sk.startsWith('TOTAL#')) return 'funder total shard';
  if (sk.startsWith('EMPLOYEE#')) return 'employment';
  return sk;
}

export function succeeded(outcome: Outcome<Reply>, what: string): Reply {
  if (!outcome.ok) throw new Error(`bench: ${what} refused: ${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}

/** A client that counts what a use case asks of DynamoDB and keeps each transaction item's before-image. */
export interface Probe {
  readonly client: DynamoDBClient;
  readonly instrumented: InstrumentedClient;
  /** A plain client for reading items before and after, whose requests are not counted. */
  readonly peek: DynamoDBClient;
  readonly tableName: string;
  /** Items as they were just before the last transaction, by key. */
  readonly before: Map<string, Record<string, AttributeValue> | undefined>;
  /**
   * The one store every measured call uses, as one warm Lambda instance keeps one: what it caches
   * (schemes) is read once, by the first call, as in production.
   */
  readonly store: DynamoLedgerStore;
  /** What the store reported since the last measured call began. */
  readonly reported: Array<{ operation: string; units: number }>;
}

type Key = Record<string, AttributeValue>;

function keyOf(item: TransactWriteItem): Key {
  const key =
    item.Put !== undefined
      ? { pk: item.Put.Item?.['pk'], sk: item.Put.Item?.['sk'] }
      : (item.Update ?? item.ConditionCheck ?? item.Delete)?.Key;
  if (key?.['pk'] === undefined || key['sk'] === undefined) throw new Error('bench: a transaction item without a key');
  return key as Key;
}

function keyText(key: Key): string {
  return `${key['pk']?.S ?? ''}|${key['sk']?.S ?? ''}`;
}

async function read(probe: Probe, key: Key): Promise<Record<string, AttributeValue> | undefined> {
  return (await probe.peek.send(new GetItemCommand({ TableName: probe.tableName, Key: key, ConsistentRead: true })))
    .Item;
}

export function probeOf(endpoint: string, tableName: string): Probe {
  const client = dynamoClient(endpoint);
  const instrumented = instrument(client);
  const reported: Probe['reported'] = [];
  const store = new DynamoLedgerStore({
    client,
    tableName,
    onConsumedCapacity: (operation, units) => reported.push({ operation, units }),
  });
  const probe: Probe = {
    client,
    instrumented,
    peek: dynamoClient(endpoint),
    tableName,
    before: new Map(),
    store,
    reported,
  };
  // Just before a transaction is sent (its items marshalled), keep every item it names as it is then.
  client.middlewareStack.add(
    (next) => async (args) => {
      const items = (args.input as { TransactItems?: TransactWriteItem[] }).TransactItems;
      for (const item of items ?? []) probe.before.set(keyText(keyOf(item)), await read(probe, keyOf(item)));
      return next(args);
    },
    { step: 'build', name: 'benchBeforeImages' },
  );
  return probe;
}

/** Index write units of one started KB each; index writes are not transactional. */
function indexUnits(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / writeUnitBytes));
}

/** What of an item an index entry holds: its keys, the table's keys and the projected attributes. */
function indexEntry(
  item: Record<string, AttributeValue>,
  index: (typeof tableDefinition.globalSecondaryIndexes)[number],
): Record<string, AttributeValue> {
  if (index.projectedAttributes === 'all') return item;
  const names = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    index.partitionKey,
    index.sortKey,
    ...index.projectedAttributes,
  ];
  return Object.fromEntries(names.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]])));
}

/**
 * Index entries written for one item, by DynamoDB's rules for GSIs ("Provisioned throughput
 * considerations for GSIs"): an entry is written when the item enters or leaves the index, twice
 * (a delete and a put) when its index key changes, and once when a projected attribute changes
 * under the same key. An index projecting every attribute is rewritten by every change of the
 * item; one projecting a few is not touched when none of them changes. 1 WCU per started KB of
 * the entry.
 */
export function indexCost(
  before: Record<string, AttributeValue> | undefined,
  after: Record<string, AttributeValue> | undefined,
): { writes: number; units: number } {
  let writes = 0;
  let units = 0;
  for (const index of tableDefinition.globalSecondaryIndexes) {
    const indexKey = (item: Record<string, AttributeValue> | undefined) => {
      const pk = item?.[index.partitionKey]?.S;
      const sk = item?.[index.sortKey]?.S;
      return pk === undefined || sk === undefined ? undefined : `${pk}|${sk}`;
    };
    const was = indexKey(before);
    const is = indexKey(after);
    const entryBefore = before === undefined || was === undefined ? undefined : indexEntry(before, index);
    const entryAfter = after === undefined || is === undefined ? undefined : indexEntry(after, index);
    const sizeBefore = entryBefore === undefined ? 0 : itemSizeBytes(entryBefore);
    const sizeAfter = entryAfter === undefined ? 0 : itemSizeBytes(entryAfter);
    if (was === undefined && is === undefined) continue;
    if (was !== undefined && is !== undefined && was !== is) {
      writes += 2;
      units += indexUnits(sizeBefore) + indexUnits(sizeAfter);
    } else if (was === undefined || is === undefined || !sameEntry(entryBefore, entryAfter)) {
      writes += 1;
      units += indexUnits(Math.max(sizeBefore, sizeAfter));
    }
  }
  return { writes, units };
}

/** Whether two index entries hold the same attributes with the same values. */
function sameEntry(
  a: Record<string, AttributeValue> | undefined,
  b: Record<string, AttributeValue> | undefined,
): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(item: Record<string, AttributeValue> | undefined): unknown {
  if (item === undefined) return undefined;
  return Object.keys(item)
    .sort()
    .map((name) => [name, item[name]?.B === undefined ? item[name] : Buffer.from(item[name].B).toString('base64')]);
}

/**
 * What each item of the transactions sent since the probe's last reset cost by DynamoDB's rules:
 * its write units (transactional: twice the started KB of the larger of before and after) and its
 * index entries. An item's before-image is as it was just before its transaction.
 */
export async function itemCostsOf(probe: Probe, transactItems: readonly TransactWriteItem[]): Promise<ItemCost[]> {
  const items: ItemCost[] = [];
  for (const item of transactItems) {
    const key = keyOf(item);
    const action: ItemCost['action'] =
      item.Put !== undefined
        ? 'Put'
        : item.Update !== undefined
          ? 'Update'
          : item.ConditionCheck !== undefined
            ? 'ConditionCheck'
            : 'Delete';
    const before = probe.before.get(keyText(key));
    const after = action === 'ConditionCheck' ? before : action === 'Delete' ? undefined : await read(probe, key);
    const sizeBytes = Math.max(
      before === undefined ? 0 : itemSizeBytes(before),
      after === undefined ? 0 : itemSizeBytes(after),
    );
    const index = action === 'ConditionCheck' ? { writes: 0, units: 0 } : indexCost(before, after);
    items.push({
      role: roleOf(key),
      action,
      sizeBytes,
      writeUnits: transactionalWriteUnits(sizeBytes),
      indexWrites: index.writes,
      indexWriteUnits: index.units,
    });
  }
  return items;
}

/** Calls one use case with an instrumented store and returns its answer and what it cost. */
export async function measure(
  probe: Probe,
  request: string,
  run: (store: LedgerStore) => Promise<Outcome<Reply>>,
): Promise<{ capacity: UseCaseCapacity; reply: Reply }> {
  const { reported, store } = probe;
  reported.length = 0;
  probe.instrumented.take();
  probe.before.clear();
  const reply = succeeded(await run(store), request);
  const { requests, transactItems } = probe.instrumented.take();
  const commits = reported.filter((entry) => entry.operation === 'commit');
  if (commits.length !== 1) throw new Error(`bench: expected one commit for ${request}, saw ${commits.length}`);
  const items = await itemCostsOf(probe, transactItems);
  const pots = items.filter((item) => item.role === 'pot').length;
  const commitRulesWcu = items.reduce((sum, item) => sum + item.writeUnits, 0);
  return {
    reply,
    capacity: {
      request,
      pots,
      commitReportedWcu: commits[0]?.units ?? Number.NaN,
      commitRulesWcu,
      ...(pots > 0 && { commitRulesWcuPerPot: round(commitRulesWcu / pots) }),
      indexRulesWcu: items.reduce((sum, item) => sum + item.indexWriteUnits, 0),
      items,
      requests,
      readsReportedRcu: round(
        requests
          .filter((entry) => entry.operation !== 'TransactWriteItems')
          .reduce((sum, entry) => sum + entry.reportedUnits, 0),
      ),
    },
  };
}
