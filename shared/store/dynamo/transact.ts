import { type AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { limits } from '../../ledger/limits.ts';
import type { DynamoContext } from './context.ts';

/** One item of a TransactWriteItems request. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a failed condition on a transaction item means; the translation of a cancellation goes by these. */
export type ItemRole =
  | 'idempotency'
  | 'scheme'
  | 'pot'
  | 'budget'
  | 'employment'
  | 'employment-end'
  | 'employment-as-read'
  | 'transfer'
  | 'total'
  | 'claim'
  | 'provider'
  | 'payable'
  | 'payout'
  | 'payout-file'
  | 'claim-counter'
  | 'course-use'
  | 'audit'
  | 'batch'
  | 'batch-chunk';

/** A transaction item and what its condition failing would mean. */
export interface RoledItem {
  readonly role: ItemRole;
  readonly item: TransactItem;
  /** The id of what the item stands for, when a translation must name it (a payout's id, say). */
  readonly subject?: string;
}

/** An item whose condition failed, with the item as it was when it asked for it (`ALL_OLD`). */
export interface FailedItem {
  readonly role: ItemRole;
  readonly subject?: string;
  readonly oldItem?: Record<string, AttributeValue>;
}

/**
 * A cancelled transaction, told by role: which items' conditions failed. DynamoDB answers with one
 * reason per item, in the order the items were sent; this is the only place that relies on that.
 */
export class Cancellation {
  constructor(
    readonly failures: readonly FailedItem[],
    /** The SDK's exception, for a caller that has no translation for what failed and must rethrow. */
    readonly error: TransactionCanceledException,
  ) {}

  /** Whether the condition of any item with this role failed. */
  failed(role: ItemRole): boolean {
    return this.failures.some((failure) => failure.role === role);
  }

  /** The first failed item with this role, if any. */
  first(role: ItemRole): FailedItem | undefined {
    return this.failures.find((failure) => failure.role === role);
  }

  /** The subjects of the failed items with this role, in the order they were sent. */
  subjects(role: ItemRole): string[] {
    return this.failures.flatMap((failure) =>
      failure.role === role && failure.subject !== undefined ? [failure.subject] : [],
    );
  }
}

/** Whether a transaction was written; otherwise, what its caller's translation made of the cancellation. */
type TransactResult<R> = { readonly kind: 'committed' } | R;

/**
 * Sends one TransactWriteItems request: the only place the adapter writes a transaction.
 *
 * It refuses more than DynamoDB's 100 items before sending, reports the consumed capacity under
 * `operation` when someone listens, and hands a cancellation to `translate` as failed roles, so no
 * caller reads cancellation reasons by position. Errors other than a cancellation are thrown.
 *
 * @param operation - The store operation, for the capacity report and error messages.
 * @param items - The items with their roles, in the order they are to be sent.
 * @param translate - What the caller makes of a cancellation; it may throw `cancellation.error`.
 */
export async function transact<R>(
  dynamo: DynamoContext,
  operation: string,
  items: readonly RoledItem[],
  translate: (cancellation: Cancellation) => R,
): Promise<TransactResult<R>> {
  if (items.length > limits.transactionItemsMax) {
    const max = limits.transactionItemsMax;
    throw new Error(`${operation}: ${items.length} items exceed DynamoDB's ${max} per transaction`);
  }
  try {
    const result = await dynamo.documents.send(
      new TransactWriteCommand({ TransactItems: items.map((entry) => entry.item), ...dynamo.capacityRequest }),
    );
    dynamo.reportCapacity(operation, result.ConsumedCapacity);
    return { kind: 'committed' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    return translate(new Cancellation(failedItems(items, error), error));
  }
}

/** Pairs each reason with the item it is about; only failed conditions count as failures. */
function failedItems(items: readonly RoledItem[], error: TransactionCanceledException): FailedItem[] {
  const reasons = error.CancellationReasons ?? [];
  return items.flatMap((entry, index) => {
    const reason = reasons[index];
    if (reason?.Code !== 'ConditionalCheckFailed') return [];
    return [
      {
        role: entry.role,
        ...(entry.subject !== undefined && { subject: entry.subject }),
        ...(reason.Item !== undefined && { oldItem: reason.Item }),
      },
    ];
  });
}
