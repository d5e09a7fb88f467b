import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PersonProfile } from '../ledger-store.ts';
import type { DynamoContext } from './context.ts';
import { key } from './keys.ts';
import { putIfAbsent } from './put-if-absent.ts';

/** Notes a citizen's first visit; later ones must not move the date, so they change nothing. */
export async function recordFirstSeen(dynamo: DynamoContext, personId: string, at: string): Promise<void> {
  await putIfAbsent(dynamo, { ...key.profile(personId), entity: 'profile', firstSeenAt: at });
}

/** What is known about a citizen, read strongly consistent. */
export async function getPersonProfile(dynamo: DynamoContext, personId: string): Promise<PersonProfile | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.profile(personId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : { firstSeenAt: result.Item['firstSeenAt'] as string };
}
