import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';

/** Every item of a test system's table, keys and attributes, in a stable order. */
export async function scanTable(endpoint: string, tableName: string): Promise<Array<Record<string, unknown>>> {
  const client = dynamoClient(endpoint);
  const documents = DynamoDBDocumentClient.from(client);
  try {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      items.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  } finally {
    client.destroy();
  }
}

function keyOf(item: Record<string, unknown>): string {
  return `${String(item['pk'])}\u0000${String(item['sk'])}`;
}

/**
 * True for the usage report's items (daily aggregates and the aggregator's progress): the stream
 * reader writes them on its own time, from movements already written (and, when idle, to note that
 * it is still caught up), never a request itself. A check that a refused request wrote nothing
 * leaves them out; the movement records it compares are what the aggregates would count.
 */
export function isUsageItem(item: Record<string, unknown>): boolean {
  const pk = String(item['pk']);
  return pk.startsWith('USAGE#') || pk === 'USAGEPROGRESS';
}
