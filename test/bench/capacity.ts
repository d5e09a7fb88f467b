import {
  type AttributeValue,
  type ConsumedCapacity,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { round } from './in-flight.ts';
import { consistentReadUnits, itemSizeBytes, transactionalWriteUnits } from './item-size.ts';
import { type BenchPerson, benchDependencies, funderPrincipal } from './world.ts';

/**
 * Capacity units per request, two ways: what DynamoDB Local reports (through the store's
 * `onConsumedCapacity`, and for the reads the store does not report, through a client middleware),
 * and what DynamoDB's documented rules give for the same items. DynamoDB Local 3.x is known to
 * under-report transactions (awslabs/amazon-dynamodb-local-samples#31), so for writes the rules
 * are the figure to plan with; the report shows both and says when they differ.
 */

/** One item of the deposit transaction and what the rules charge for it. */
export interface TransactionItemCost {
  readonly role: string;
  readonly action: 'Put' | 'Update' | 'ConditionCheck' | 'Delete';
  readonly sizeBytes: number;
  readonly writeUnits: number;
}

/** Every request one deposit made, with the capacity DynamoDB Local reported for it. */
export interface RequestCost {
  readonly operation: string;
  readonly reportedUnits: number;
}

export interface DepositCapacity {
  readonly schemeId: string;
  /** Write units of the commit as DynamoDB Local reported them through `onConsumedCapacity`. */
  readonly commitReportedWcu: number;
  /** Write units of the same commit by DynamoDB's rules: 2 per started KB per item. */
  readonly commitRulesWcu: number;
  readonly items: readonly TransactionItemCost[];
  /** Every request of the use case, reads included, in order. */
  readonly requests: readonly RequestCost[];
  /** Read units of the use case's reads (everything but the commit), as DynamoDB Local reported them. */
  readonly readsReportedRcu: number;
}

export interface OverviewCapacity {
  readonly potCount: number;
  /** Read units of `listPots` as DynamoDB Local reported them through `onConsumedCapacity`. */
  readonly reportedRcu: number;
  /** Read units by the rules: the whole strongly consistent Query result, 1 per started 4 KB. */
  readonly rulesRcu: number;
  readonly resultBytes: number;
}

/** Deposits measured per scheme; the figures are deterministic, so a few confirm they are stable. */
const depositSamplesCount = 3;

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
  if (key?.['pk']?.S?.startsWith('AUDIT#') === true) return 'audit';
  if (sk === 'CLAIM') return 'claim';
  if (sk === 'PROVIDER') return 'provider';
  if (sk.startsWith('PAYABLE#')) return 'payable shard';
  if (sk.startsWith('CLAIMCOUNT#')) return 'claim counter';
  if (sk.startsWith('COURSEUSE#')) return 'course use';
  if (sk === 'IDEMPOTENCY') return 'idempotency';
  if (sk.startsWith('POT#')) return 'pot';
  if (sk.startsWith('TOTAL#')) return 'funder total shard';
  if (sk.startsWith('TX#')) return 'transfer';
  if (sk.startsWith('EMPLOYEE#')) return 'employment';
  return sk;
}

/** Sizes each transaction item as stored after the commit: a Put's item, or the item an Update left behind. */
async function itemCosts(
  client: DynamoDBClient,
  tableName: string,
  items: readonly TransactWriteItem[],
): Promise<TransactionItemCost[]> {
  const costs: TransactionItemCost[] = [];
  for (const item of items) {
    let action: TransactionItemCost['action'];
    let key: Record<string, AttributeValue> | undefined;
    let stored: Record<string, AttributeValue> | undefined;
    if (item.Put !== undefined) {
      action = 'Put';
      stored = item.Put.Item;
      key = stored;
    } else {
      action = item.Update !== undefined ? 'Update' : item.ConditionCheck !== undefined ? 'ConditionCheck' : 'Delete';
      key = (item.Update ?? item.ConditionCheck ?? item.Delete)?.Key;
      // An Update is charged for the larger of the item before and after; a deposit only adds, so after.
      const read = await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      stored = read.Item;
    }
    const sizeBytes = stored === undefined ? 0 : itemSizeBytes(stored);
    costs.push({ role: roleOf(key), action, sizeBytes, writeUnits: transactionalWriteUnits(sizeBytes) });
  }
  return costs;
}

/**
 * Makes one deposit through the use case with an instrumented store and returns what it cost.
 * Deposits go to pots that exist already, like most deposits in production.
 */
async function measureDeposit(
  client: DynamoDBClient,
  instrumented: InstrumentedClient,
  tableName: string,
  person: BenchPerson,
  schemeId: string,
  idempotencyKey: string,
): Promise<DepositCapacity> {
  const reported: Array<{ operation: string; units: number }> = [];
  const store = new DynamoLedgerStore({
    client,
    tableName,
    onConsumedCapacity: (operation, units) => reported.push({ operation, units }),
  });
  instrumented.take();
  const outcome = await createDeposit(benchDependencies(store), funderPrincipal, {
    bsn: person.bsn,
    schemeId,
    amount: 100,
    idempotencyKey,
  });
  if (!outcome.ok) throw new Error(`capacity: deposit into ${schemeId} refused: ${outcome.code}`);
  const { requests, transactItems } = instrumented.take();
  const commits = reported.filter((entry) => entry.operation === 'commit');
  if (commits.length !== 1) throw new Error(`capacity: expected one commit per deposit, saw ${commits.length}`);
  const items = await itemCosts(client, tableName, transactItems);
  instrumented.take();
  return {
    schemeId,
    commitReportedWcu: commits[0]?.units ?? Number.NaN,
    commitRulesWcu: items.reduce((sum, item) => sum + item.writeUnits, 0),
    items,
    requests,
    readsReportedRcu: round(
      requests
        .filter((request) => request.operation !== 'TransactWriteItems')
        .reduce((sum, request) => sum + request.reportedUnits, 0),
    ),
  };
}

/** The overview's one Query, reported and by the rules. */
async function measureOverview(
  client: DynamoDBClient,
  tableName: string,
  person: BenchPerson,
): Promise<OverviewCapacity> {
  const reported: number[] = [];
  const store = new DynamoLedgerStore({
    client,
    tableName,
    onConsumedCapacity: (operation, units) => operation === 'listPots' && reported.push(units),
  });
  const pots = await store.listPots(person.personId);
  // The same Query listPots sends, without the document client, to size the items as stored.
  const raw = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: `PERSON#${person.personId}` }, ':prefix': { S: 'POT#' } },
      ConsistentRead: true,
    }),
  );
  const resultBytes = (raw.Items ?? []).reduce((sum, item) => sum + itemSizeBytes(item), 0);
  return {
    potCount: pots.length,
    reportedRcu: reported.reduce((sum, units) => sum + units, 0),
    rulesRcu: consistentReadUnits(resultBytes),
    resultBytes,
  };
}

export interface CapacityFigures {
  readonly unbudgeted: DepositCapacity;
  readonly budgeted: DepositCapacity;
  readonly overview: OverviewCapacity;
  /** True when every sample of a scheme gave the same reported and rules figures. */
  readonly stable: boolean;
  /** Which figure to plan with, in words, for the report. */
  readonly note: string;
}

/**
 * Measures capacity per deposit (into a scheme without and with a budget) and per balance
 * overview. `client` must not be shared with measured traffic: it gets middleware.
 */
export async function measureCapacity(
  client: DynamoDBClient,
  tableName: string,
  persons: readonly BenchPerson[],
  schemes: { readonly unbudgeted: string; readonly budgeted: string },
  runId: string,
): Promise<CapacityFigures> {
  const instrumented = instrument(client);
  const samples = async (schemeId: string): Promise<DepositCapacity[]> => {
    const measured: DepositCapacity[] = [];
    for (let sample = 0; sample < depositSamplesCount; sample += 1) {
      const person = persons[sample % persons.length];
      if (person === undefined) throw new Error('capacity: no persons');
      measured.push(
        await measureDeposit(
          client,
          instrumented,
          tableName,
          person,
          schemeId,
          `capacity-${runId}-${schemeId}-${sample}`,
        ),
      );
    }
    return measured;
  };
  const unbudgeted = await samples(schemes.unbudgeted);
  const budgeted = await samples(schemes.budgeted);
  const overviewPerson = persons[0];
  if (overviewPerson === undefined) throw new Error('capacity: no persons');
  const overview = await measureOverview(client, tableName, overviewPerson);

  const sameFigures = (list: readonly DepositCapacity[]) =>
    list.every(
      (entry) =>
        entry.commitReportedWcu === list[0]?.commitReportedWcu &&
        entry.commitRulesWcu === list[0]?.commitRulesWcu &&
        entry.readsReportedRcu === list[0]?.readsReportedRcu,
    );
  const first = (list: readonly DepositCapacity[]): DepositCapacity => {
    const entry = list[0];
    if (entry === undefined) throw new Error('capacity: no samples');
    return entry;
  };
  const commitsAgree = first(unbudgeted).commitReportedWcu === first(unbudgeted).commitRulesWcu;
  return {
    unbudgeted: first(unbudgeted),
    budgeted: first(budgeted),
    overview,
    stable: sameFigures(unbudgeted) && sameFigures(budgeted),
    note: commitsAgree
      ? 'DynamoDB Local reports ConsumedCapacity for transactions, and it matches the rules.'
      : 'DynamoDB Local reports ConsumedCapacity for transactions, but under-reports them ' +
        '(awslabs/amazon-dynamodb-local-samples#31); plan with the rules column (2 WCU per started KB per item). ' +
        'Its figures for single reads are right: ' +
        '1 RCU per strongly consistent read of up to 4 KB, a missing item included.',
  };
}
