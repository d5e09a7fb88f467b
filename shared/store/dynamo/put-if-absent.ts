import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { itemDoesNotExist } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import type { Item } from './items.ts';

/**
 * Writes an item only while its condition holds (by default, while nothing has its key), and
 * answers `exists` when it does not: for creating things whose id the caller chose, where a
 * second create must not overwrite the first.
 *
 * @param condition - When the item may be written; `itemDoesNotExist` unless an existing item
 *   may be replaced (an ended employment, say).
 */
export async function putIfAbsent(
  dynamo: DynamoContext,
  item: Item,
  condition: string = itemDoesNotExist,
): Promise<'created' | 'exists'> {
  try {
    await dynamo.documents.send(
      new PutCommand({ TableName: dynamo.tableName, Item: item, ConditionExpression: condition }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'exists';
    throw error;
  }
}
