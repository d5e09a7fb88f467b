import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Options for the DynamoDB adapter. */
export interface DynamoLedgerStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Ask DynamoDB for consumed capacity and report it here (used by the benchmark). */
  readonly onConsumedCapacity?: (operation: string, capacityUnits: number) => void;
}

/** What DynamoDB answers about consumed capacity: one entry, a list of them, or nothing. */
type ConsumedCapacityAnswer =
  | ReadonlyArray<{ CapacityUnits?: number | undefined }>
  | { CapacityUnits?: number | undefined }
  | undefined;

/**
 * What every part of the DynamoDB adapter needs: the document client, the one table, and the
 * capacity reporting. Passed as a value rather than held in a class, so each concern's module is a
 * set of plain functions that can be read, and tested, on its own.
 */
export interface DynamoContext {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The request parameter that asks for consumed capacity, only when someone listens for it. */
  readonly capacityRequest: { ReturnConsumedCapacity?: 'TOTAL' };
  /** Reports the capacity a request consumed, under the operation's name; does nothing when no one listens. */
  reportCapacity(operation: string, consumed: ConsumedCapacityAnswer): void;
}

/**
 * Builds the context from the adapter's options. The document client drops undefined values, so
 * optional domain fields that are absent are left out of the item rather than failing the request.
 */
export function dynamoContext(options: DynamoLedgerStoreOptions): DynamoContext {
  const { onConsumedCapacity } = options;
  return {
    documents: DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: options.tableName,
    capacityRequest: onConsumedCapacity === undefined ? {} : { ReturnConsumedCapacity: 'TOTAL' },
    reportCapacity(operation, consumed) {
      if (onConsumedCapacity === undefined || consumed === undefined) return;
      const list = Array.isArray(consumed) ? consumed : [consumed];
      onConsumedCapacity(
        operation,
        list.reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0),
      );
    },
  };
}
