import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Scheme } from '../../shared/ledger/scheme.ts';
import { type ApiHandler, type Invocation, invocation, routeOf } from './api-events.ts';
import { type RunFigures, type RunSample, round, runInFlight, summarize } from './in-flight.ts';
import { rawDepositInput } from './raw-deposit.ts';
import { type BenchPerson, funderContext } from './world.ts';

/**
 * Requests per second at a fixed number in flight: deposits and balance overviews through the
 * real handlers (in this process, with the events the local API Gateway builds), next to the bare
 * DynamoDB requests they end in. Everything a run sends is built before its clock starts.
 */

/** Requests in flight at once, in every measured run. */
export const concurrencyInFlight = 16;

/** Requests before each measurement, to warm the JIT of Node and of DynamoDB Local's JVM. */
export const warmupCount = 200;

/** Requests measured per kind, over all rounds. */
export const depositsMeasuredCount = 1000;
export const overviewsMeasuredCount = 1000;

/**
 * Each kind is measured in this many rounds, and the order of the kinds is reversed from one
 * round to the next, so that neither a still-warming JVM nor a busy moment of the machine
 * favours whichever kind happens to run first.
 */
export const measuredRoundsCount = 4;

/** What every benchmark deposit moves: €1. */
const depositAmountCents = 100;

export interface ThroughputFigures {
  readonly handlerDeposits: RunFigures;
  readonly handlerDepositsBudgeted: RunFigures;
  readonly rawDepositTransactions: RunFigures;
  /** Handler deposits per second divided by bare TransactWriteItems per second. */
  readonly depositRatio: number;
  readonly handlerOverviews: RunFigures;
  readonly rawOverviewQueries: RunFigures;
  /** Handler overviews per second divided by bare Queries per second. */
  readonly overviewRatio: number;
}

export interface ThroughputSetup {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly persons: readonly BenchPerson[];
  readonly schemes: { readonly open: Scheme; readonly budgeted: Scheme };
  readonly depositHandler: ApiHandler;
  readonly accountHandler: ApiHandler;
  readonly runId: string;
}

function personAt(persons: readonly BenchPerson[], index: number): BenchPerson {
  // Neighbouring indexes run together; with more persons than requests in flight, no two
  // concurrent requests touch the same pot (as in a grant run spread over many people).
  const person = persons[index % persons.length];
  if (person === undefined) throw new Error('throughput: no persons');
  return person;
}

function at<T>(list: readonly T[], index: number): T {
  const entry = list[index];
  if (entry === undefined) throw new Error(`throughput: nothing prepared at ${index}`);
  return entry;
}

/** Invokes a handler for every prepared event; any answer but `expectedStatus` ends the run with its body. */
function invokeAll(
  handler: ApiHandler,
  invocations: readonly Invocation[],
  expectedStatus: number,
): Promise<RunSample> {
  return runInFlight(invocations.length, concurrencyInFlight, async (index) => {
    const { event, context } = at(invocations, index);
    const result = await handler(event, context);
    if (result.statusCode !== expectedStatus) {
      throw new Error(`throughput: ${event.httpMethod} ${event.path} answered ${result.statusCode}: ${result.body}`);
    }
  });
}

export async function measureThroughput(setup: ThroughputSetup): Promise<ThroughputFigures> {
  const { persons, runId, tableName } = setup;
  if (persons.length < concurrencyInFlight) throw new Error('throughput: fewer persons than requests in flight');
  const documents = DynamoDBDocumentClient.from(setup.client, { marshallOptions: { removeUndefinedValues: true } });
  const depositRoute = routeOf('create-deposit');
  const accountRoute = routeOf('get-account');
  const scope = `${funderContext.role}:${funderContext.orgId}`;

  const deposits = (phase: string, count: number, schemeId: string): Invocation[] =>
    Array.from({ length: count }, (_, index) => {
      const person = personAt(persons, index);
      return invocation(
        depositRoute,
        {
          'content-type': 'application/json',
          'idempotency-key': `${phase}-${runId}-${index}`,
          authorization: 'Bearer benchmark',
        },
        { bsn: person.bsn, schemeId, amount: depositAmountCents },
        { ...funderContext },
      );
    });
  const overviews = (count: number): Invocation[] =>
    Array.from({ length: count }, (_, index) =>
      invocation(accountRoute, { authorization: 'Bearer benchmark' }, undefined, {
        role: 'citizen',
        personId: personAt(persons, index).personId,
      }),
    );
  const rawDeposits = (phase: string, count: number): TransactWriteCommandInput[] =>
    Array.from({ length: count }, (_, index) =>
      rawDepositInput(
        tableName,
        setup.schemes.open,
        personAt(persons, index),
        depositAmountCents,
        scope,
        `${phase}-${runId}-${index}`,
        index,
      ),
    );
  const sendAll = (inputs: readonly TransactWriteCommandInput[]) =>
    runInFlight(inputs.length, concurrencyInFlight, async (index) => {
      await documents.send(new TransactWriteCommand(at(inputs, index)));
    });
  const queryAll = (count: number) =>
    runInFlight(count, concurrencyInFlight, async (index) => {
      // The Query that readAccount sends.
      await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': `PERSON#${personAt(persons, index).personId}`,
            ':from': 'POT#',
            ':to': 'PROFILE',
          },
          ConsistentRead: true,
        }),
      );
    });

  // Warm every path first.
  await invokeAll(setup.depositHandler, deposits('warm-handler', warmupCount, setup.schemes.open.schemeId), 201);
  await invokeAll(
    setup.depositHandler,
    deposits('warm-handler-budget', warmupCount, setup.schemes.budgeted.schemeId),
    201,
  );
  await sendAll(rawDeposits('warm-raw', warmupCount));
  await invokeAll(setup.accountHandler, overviews(warmupCount), 200);
  await queryAll(warmupCount);

  const depositsPerRoundCount = Math.ceil(depositsMeasuredCount / measuredRoundsCount);
  const overviewsPerRoundCount = Math.ceil(overviewsMeasuredCount / measuredRoundsCount);
  const samples = {
    handler: [] as RunSample[],
    budgeted: [] as RunSample[],
    raw: [] as RunSample[],
    overview: [] as RunSample[],
    query: [] as RunSample[],
  };
  for (let roundIndex = 0; roundIndex < measuredRoundsCount; roundIndex += 1) {
    const kinds: Array<() => Promise<void>> = [
      async () => {
        samples.handler.push(
          await invokeAll(
            setup.depositHandler,
            deposits(`handler-${roundIndex}`, depositsPerRoundCount, setup.schemes.open.schemeId),
            201,
          ),
        );
      },
      async () => {
        samples.raw.push(await sendAll(rawDeposits(`raw-${roundIndex}`, depositsPerRoundCount)));
      },
      async () => {
        samples.budgeted.push(
          await invokeAll(
            setup.depositHandler,
            deposits(`handler-budget-${roundIndex}`, depositsPerRoundCount, setup.schemes.budgeted.schemeId),
            201,
          ),
        );
      },
      async () => {
        samples.overview.push(await invokeAll(setup.accountHandler, overviews(overviewsPerRoundCount), 200));
      },
      async () => {
        samples.query.push(await queryAll(overviewsPerRoundCount));
      },
    ];
    for (const measure of roundIndex % 2 === 0 ? kinds : [...kinds].reverse()) await measure();
  }
  const handlerDeposits = summarize(samples.handler);
  const handlerDepositsBudgeted = summarize(samples.budgeted);
  const rawDepositTransactions = summarize(samples.raw);
  const handlerOverviews = summarize(samples.overview);
  const rawOverviewQueries = summarize(samples.query);

  return {
    handlerDeposits,
    handlerDepositsBudgeted,
    rawDepositTransactions,
    depositRatio: round(handlerDeposits.perSecond / rawDepositTransactions.perSecond),
    handlerOverviews,
    rawOverviewQueries,
    overviewRatio: round(handlerOverviews.perSecond / rawOverviewQueries.perSecond),
  };
}
