import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientRecord } from '../../auth/principal.ts';
import type { Employment } from '../../ledger/employment.ts';
import type { PersonProfile } from '../ledger-store.ts';
import { noOngoingEmployment } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import { clientFromItem, clientItem, employmentFromItem, employmentItem } from './items.ts';
import { key } from './keys.ts';
import { putIfAbsent } from './put-if-absent.ts';

/** Who uses the service: API clients, the employments employers register, and citizens' profiles. */

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

/** An employment, read strongly consistent. */
export async function getEmployment(
  dynamo: DynamoContext,
  employerId: string,
  personId: string,
): Promise<Employment | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.employment(employerId, personId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : employmentFromItem(employerId, personId, result.Item);
}

/** Starts an employment; it may replace an ended one (re-hiring), never an ongoing one. */
export async function startEmployment(dynamo: DynamoContext, employment: Employment): Promise<'created' | 'exists'> {
  return putIfAbsent(dynamo, employmentItem(employment), noOngoingEmployment);
}

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
