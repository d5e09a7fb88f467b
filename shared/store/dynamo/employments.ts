import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Employment } from '../../ledger/employment.ts';
import { noOngoingEmployment } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import { employmentFromItem, employmentItem } from './items.ts';
import { key } from './keys.ts';
import { putIfAbsent } from './put-if-absent.ts';

/**
 * Employments, which an employer's deposits require. Ending one is part of the movement that
 * returns the employer's money (see `movement-items.ts`), so it is not here.
 */

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
