import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Movement } from '../../ledger/transfer.ts';
import type { CommitOptions, CommitResult, IdempotencyRecord } from '../ledger-store.ts';
import type { DynamoContext } from './context.ts';
import type { Item } from './items.ts';
import { key } from './keys.ts';
import { movementItems } from './movement-items.ts';
import { movementRecordFromItem } from './movement-record.ts';
import { type Cancellation, transact } from './transact.ts';

/**
 * Writes a movement, with its idempotency record, claim, checks and audit entry, as one
 * transaction, and answers with what a refusal means (see {@link CommitResult}).
 */
export async function commitMovement(
  dynamo: DynamoContext,
  movement: Movement,
  options: CommitOptions = {},
): Promise<CommitResult> {
  return transact(dynamo, 'commit', movementItems(dynamo.tableName, movement, options), commitResultOf);
}

/**
 * Translates a cancelled movement into the condition that failed, in order of precedence: a
 * reused key first (nothing else matters then), then the checks on people and claims, then money.
 */
export function commitResultOf(cancellation: Cancellation): CommitResult {
  const idempotency = cancellation.first('idempotency');
  if (idempotency !== undefined) {
    const old = idempotency.oldItem;
    if (old !== undefined) {
      // A cancellation returns the item as DynamoDB holds it, not yet unmarshalled.
      return { kind: 'key_exists', record: idempotencyRecordOf(unmarshall(old)) };
    }
    // Older DynamoDB versions do not return the item; the caller reads it.
    return { kind: 'conflict' };
  }
  if (cancellation.failed('employment')) return { kind: 'not_employed' };
  if (cancellation.failed('employment-end') || cancellation.failed('employment-as-read')) {
    return { kind: 'employment_changed' };
  }
  if (cancellation.failed('claim')) return { kind: 'claim_changed' };
  if (cancellation.failed('provider')) return { kind: 'provider_not_active' };
  if (cancellation.failed('claim-counter')) return { kind: 'claim_limit_reached' };
  if (cancellation.failed('course-use')) return { kind: 'course_use_changed' };
  if (cancellation.failed('pot') || cancellation.failed('payable')) return { kind: 'insufficient_funds' };
  if (cancellation.failed('budget')) return { kind: 'budget_exceeded' };
  return { kind: 'conflict' };
}

/** The idempotency record a commit wrote for this key (in its movement record), read strongly consistent. */
export async function getIdempotencyRecord(
  dynamo: DynamoContext,
  scope: string,
  idempotencyKey: string,
): Promise<IdempotencyRecord | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.idempotency(scope, idempotencyKey), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : idempotencyRecordOf(result.Item);
}

/** The idempotency record a movement record keyed by an idempotency key holds. */
function idempotencyRecordOf(item: Item): IdempotencyRecord {
  const { idempotency } = movementRecordFromItem(item);
  if (idempotency === undefined) throw new Error(`movement record ${String(item['pk'])} holds no idempotency record`);
  return { requestHash: idempotency.requestHash, response: idempotency.response };
}
