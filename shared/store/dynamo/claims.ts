import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim, ClaimStatus } from '../../ledger/claim.ts';
import type { CourseUse } from '../../ledger/course-use.ts';
import type { Page, PageRequest } from '../ledger-store.ts';
import { listPrefix } from '../sort-keys.ts';
import type { DynamoContext } from './context.ts';
import { courseUseFromItem } from './items.ts';
import { claimKeyFromSortKey, claimList, key, workList } from './keys.ts';
import { queryIndexPage, queryWorkList } from './queries.ts';

/**
 * Reading claims. A claim is written only in a transaction with its money or its counter (see
 * `movement-items.ts` and `payouts.ts`); it is listed per provider on gsi1, per person on gsi2,
 * and on the jobs' work list for its status on gsi3.
 */

/** A claim, read strongly consistent. */
export async function getClaim(dynamo: DynamoContext, claimId: string): Promise<Claim | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.claim(claimId), ConsistentRead: true }),
  );
  return result.Item?.['claim'] as Claim | undefined;
}

/** A provider's claims, newest first, optionally of one status. */
export async function listProviderClaims(
  dynamo: DynamoContext,
  providerId: string,
  status: ClaimStatus | undefined,
  page: PageRequest,
): Promise<Page<Claim>> {
  const result = await queryIndexPage(
    dynamo,
    {
      indexName: 'gsi1',
      partition: claimList.provider(providerId),
      prefix: listPrefix.claim,
      ascending: false,
      tableKeyOf: claimKeyFromSortKey,
      ...(status !== undefined && {
        filter: { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } },
      }),
    },
    page,
  );
  return { ...result, items: result.items.map((item) => item['claim'] as Claim) };
}

/** The claims addressed to a person, newest first. */
export async function listPersonClaims(
  dynamo: DynamoContext,
  personId: string,
  page: PageRequest,
): Promise<Page<Claim>> {
  const result = await queryIndexPage(
    dynamo,
    {
      indexName: 'gsi2',
      partition: claimList.person(personId),
      prefix: listPrefix.claim,
      ascending: false,
      tableKeyOf: claimKeyFromSortKey,
    },
    page,
  );
  return { ...result, items: result.items.map((item) => item['claim'] as Claim) };
}

/** Claims of a status whose deadline is before `before`, oldest deadline first. */
export async function listClaimsDue(
  dynamo: DynamoContext,
  status: 'awaiting_approval' | 'approved' | 'captured',
  before: string,
  limit: number,
): Promise<Claim[]> {
  const items = await queryWorkList(dynamo, workList.claims(status), before, limit);
  return items.map((item) => item['claim'] as Claim);
}

/** How many claims a provider has made for a course in a year; 0 when none. */
export async function getClaimCount(
  dynamo: DynamoContext,
  providerId: string,
  courseId: string,
  year: string,
): Promise<number> {
  const result = await dynamo.documents.send(
    new GetCommand({
      TableName: dynamo.tableName,
      Key: key.claimCounter({ providerId, courseId, year }),
      ConsistentRead: true,
    }),
  );
  return (result.Item?.['count'] as number | undefined) ?? 0;
}

/** What a person's pots hold and spent for one course, read strongly consistent; nothing when there is no counter. */
export async function getCourseUse(
  dynamo: DynamoContext,
  personId: string,
  providerId: string,
  courseId: string,
): Promise<CourseUse> {
  const result = await dynamo.documents.send(
    new GetCommand({
      TableName: dynamo.tableName,
      Key: key.courseUse(personId, providerId, courseId),
      ConsistentRead: true,
    }),
  );
  return courseUseFromItem(result.Item);
}
