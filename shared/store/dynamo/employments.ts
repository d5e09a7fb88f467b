import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { backoff } from '../../application/retry.ts';
import type { Employment } from '../../ledger/employment.ts';
import { limits } from '../../ledger/limits.ts';
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

/** Keys one BatchGetItem may ask for. */
const batchGetKeysMax = 100;

/**
 * The employments of many persons with one employer, strongly consistent, by person id: 100 keys
 * per BatchGetItem, a few requests at once, and whatever DynamoDB leaves unprocessed asked again.
 */
export async function getEmployments(
  dynamo: DynamoContext,
  employerId: string,
  personIds: readonly string[],
): Promise<Map<string, Employment>> {
  const found = new Map<string, Employment>();
  const unique = [...new Set(personIds)];
  const groups: string[][] = [];
  for (let start = 0; start < unique.length; start += batchGetKeysMax) {
    groups.push(unique.slice(start, start + batchGetKeysMax));
  }
  const read = async (group: readonly string[]) => {
    let keys: Array<Record<string, unknown>> = group.map((personId) => ({ ...key.employment(employerId, personId) }));
    for (let attempt = 1; keys.length > 0; attempt += 1) {
      // Keys DynamoDB left unprocessed (throttling) are asked again after the project's back-off, a
      // bounded number of times; then the caller fails and its message is delivered again.
      if (attempt > limits.transactionAttemptsMax) {
        throw new Error(`getEmployments: ${keys.length} employments still unread after ${attempt - 1} attempts`);
      }
      if (attempt > 1) await backoff(attempt - 1);
      const result = await dynamo.documents.send(
        new BatchGetCommand({ RequestItems: { [dynamo.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[dynamo.tableName] ?? []) {
        const personId = (item['sk'] as string).slice('EMPLOYEE#'.length);
        found.set(personId, employmentFromItem(employerId, personId, item));
      }
      keys = result.UnprocessedKeys?.[dynamo.tableName]?.Keys ?? [];
    }
  };
  const inFlightMax = 4;
  for (let start = 0; start < groups.length; start += inFlightMax) {
    await Promise.all(groups.slice(start, start + inFlightMax).map(read));
  }
  return found;
}
