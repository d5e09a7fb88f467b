import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { createDeposit } from '../../functions/create-deposit/use-case.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { consistentReadUnits, itemSizeBytes } from './item-size.ts';
import { measure, type Probe, probeOf, type UseCaseCapacity } from './use-case-cost.ts';
import { type BenchPerson, benchDependencies, funderPrincipal } from './world.ts';

/**
 * Capacity units per request, two ways: what DynamoDB Local reports (through the store's
 * `onConsumedCapacity`, and for the reads the store does not report, through a client middleware),
 * and what DynamoDB's documented rules give for the same items. DynamoDB Local 3.x is known to
 * under-report transactions (awslabs/amazon-dynamodb-local-samples#31), so for writes the rules
 * are the figure to plan with; the report shows both and says when they differ.
 */

/** What one deposit cost: its transaction's items and indexes by the rules, and its reads as reported. */
export type DepositCapacity = UseCaseCapacity;

export interface OverviewCapacity {
  readonly potCount: number;
  /** Read units of `readAccount` as DynamoDB Local reported them through `onConsumedCapacity`. */
  readonly reportedRcu: number;
  /** Read units by the rules: the whole strongly consistent Query result, 1 per started 4 KB. */
  readonly rulesRcu: number;
  readonly resultBytes: number;
}

/** Deposits measured per scheme; the figures are deterministic, so a few confirm they are stable. */
const depositSamplesCount = 3;

/**
 * Makes one deposit through the use case with an instrumented store and returns what it cost.
 * Deposits go to pots that exist already, like most deposits in production.
 */
function measureDeposit(probe: Probe, person: BenchPerson, schemeId: string, idempotencyKey: string) {
  return measure(probe, `deposit into ${schemeId}`, (store) =>
    createDeposit(benchDependencies(store), funderPrincipal, {
      bsn: person.bsn,
      schemeId,
      amount: 100,
      idempotencyKey,
    }),
  );
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
    onConsumedCapacity: (operation, units) => operation === 'readAccount' && reported.push(units),
  });
  const { pots } = await store.readAccount(person.personId);
  // The same Query readAccount sends, without the document client, to size the items as stored.
  const raw = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': { S: `PERSON#${person.personId}` },
        ':from': { S: 'POT#' },
        ':to': { S: 'PROFILE' },
      },
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
  endpoint: string,
  tableName: string,
  persons: readonly BenchPerson[],
  schemes: { readonly unbudgeted: string; readonly budgeted: string },
  runId: string,
): Promise<CapacityFigures> {
  const probe = probeOf(endpoint, tableName);
  const samples = async (schemeId: string): Promise<DepositCapacity[]> => {
    const measured: DepositCapacity[] = [];
    // A warm instance has read the scheme before: one deposit first, not measured.
    const [warmPerson] = persons;
    if (warmPerson === undefined) throw new Error('capacity: no persons');
    await measureDeposit(probe, warmPerson, schemeId, `capacity-${runId}-${schemeId}-warm`);
    for (let sample = 0; sample < depositSamplesCount; sample += 1) {
      const person = persons[sample % persons.length];
      if (person === undefined) throw new Error('capacity: no persons');
      const { capacity } = await measureDeposit(probe, person, schemeId, `capacity-${runId}-${schemeId}-${sample}`);
      measured.push(capacity);
    }
    return measured;
  };
  const unbudgeted = await samples(schemes.unbudgeted);
  const budgeted = await samples(schemes.budgeted);
  const overviewPerson = persons[0];
  if (overviewPerson === undefined) throw new Error('capacity: no persons');
  const overview = await measureOverview(probe.client, tableName, overviewPerson);

  const sameFigures = (list: readonly DepositCapacity[]) =>
    list.every(
      (entry) =>
        entry.commitReportedWcu === list[0]?.commitReportedWcu &&
        entry.commitRulesWcu === list[0]?.commitRulesWcu &&
        entry.indexRulesWcu === list[0]?.indexRulesWcu &&
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
