import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientRecord } from '../../auth/principal.ts';
import type { DynamoContext } from './context.ts';
import { clientFromItem, clientItem } from './items.ts';
import { key } from './keys.ts';

/** Registers or replaces an API client. */
export async function putClient(dynamo: DynamoContext, client: ClientRecord): Promise<void> {
  await dynamo.documents.send(new PutCommand({ TableName: dynamo.tableName, Item: clientItem(client) }));
}

/** An API client, by an eventually consistent read. */
export async function getClient(dynamo: DynamoContext, clientId: string): Promise<ClientRecord | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.client(clientId) }),
  );
  return result.Item === undefined ? undefined : clientFromItem(result.Item);
}
