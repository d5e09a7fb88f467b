import { type CancellationReason, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DynamoContext, dynamoContext } from '../../../shared/store/dynamo/context.ts';

/** A command as the fake client received it: its class name and its input, before marshalling. */
interface SentCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/** A DynamoDB context whose client answers with `answer` and keeps every command it was sent. */
interface FakeDynamo {
  readonly dynamo: DynamoContext;
  readonly sent: SentCommand[];
  /** What the adapter reported to its capacity listener; stays empty without one. */
  readonly reported: Array<{ operation: string; units: number }>;
}

/**
 * A context for unit tests of the adapter's modules, without DynamoDB: the adapter's own
 * `dynamoContext`, with only the document client's `send` played by `answer`, so capacity requests
 * and reports are the real code's. With `listening: false` no capacity listener is given.
 * Money correctness is proven by the contract suite on DynamoDB Local; these tests pin down what
 * is sent and how answers are translated.
 */
export function fakeDynamo(
  answer: (command: SentCommand) => unknown = () => ({}),
  { listening = true }: { readonly listening?: boolean } = {},
): FakeDynamo {
  const sent: SentCommand[] = [];
  const reported: Array<{ operation: string; units: number }> = [];
  const dynamo = dynamoContext({
    // Never called: `send` is replaced below, so no request leaves the test.
    client: new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
    tableName: 'ledger',
    ...(listening && { onConsumedCapacity: (operation: string, units: number) => reported.push({ operation, units }) }),
  });
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const received = { name: command.constructor.name, input: command.input };
    sent.push(received);
    return answer(received);
  };
  dynamo.documents.send = send as unknown as DynamoDBDocumentClient['send'];
  return { dynamo, sent, reported };
}

/** The exception DynamoDB throws when a transaction is cancelled, with one reason per item. */
export function cancelled(reasons: CancellationReason[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: reasons,
  });
}

/** The reasons of a transaction of `count` items in which the items at `failedIndexes` failed their condition. */
export function reasonsFailing(count: number, failedIndexes: readonly number[]): CancellationReason[] {
  return Array.from({ length: count }, (_, index) =>
    failedIndexes.includes(index) ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' },
  );
}
