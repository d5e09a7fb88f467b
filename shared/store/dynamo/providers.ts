import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../ledger/audit.ts';
import type { Course, Provider } from '../../ledger/provider.ts';
import type { CourseFilter, Page, PageRequest, ProviderExpected } from '../ledger-store.ts';
import { listPrefix } from '../sort-keys.ts';
import { auditPut } from './audit-trail.ts';
import { itemDoesNotExist } from './conditions.ts';
import type { DynamoContext } from './context.ts';
import { courseItem } from './items.ts';
import { catalogPartition, courseKeyFromSortKey, key, providerPartition } from './keys.ts';
import { putIfAbsent } from './put-if-absent.ts';
import { type IndexFilter, queryIndexPage } from './queries.ts';
import { type RoledItem, transact } from './transact.ts';

/**
 * Registers or updates a provider; with `audit`, both are written in one transaction. With
 * `expected`, only while the stored provider is still the one read: `changed` when it is not.
 */
export async function putProvider(
  dynamo: DynamoContext,
  provider: Provider,
  audit?: AuditRecord,
  expected?: ProviderExpected,
): Promise<'written' | 'changed'> {
  const item = { ...key.provider(provider.providerId), entity: 'provider', provider };
  const condition =
    expected === undefined
      ? {}
      : expected === 'absent'
        ? { ConditionExpression: itemDoesNotExist }
        : {
            ConditionExpression: '#provider.#updatedAt = :updatedAt',
            ExpressionAttributeNames: { '#provider': 'provider', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':updatedAt': expected.updatedAt },
          };
  const put = { TableName: dynamo.tableName, Item: item, ...condition };
  if (audit === undefined) {
    try {
      await dynamo.documents.send(new PutCommand(put));
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'changed';
      throw error;
    }
    return 'written';
  }
  const items: RoledItem[] = [{ role: 'provider', item: { Put: put } }, auditPut(dynamo.tableName, audit)];
  // Only the provider's condition can fail (the audit id is random).
  const result = await transact(dynamo, 'putProvider', items, (cancellation) => {
    if (cancellation.failed('provider')) return { kind: 'changed' as const };
    throw cancellation.error;
  });
  return result.kind === 'committed' ? 'written' : 'changed';
}

/** A provider, read strongly consistent. */
export async function getProvider(dynamo: DynamoContext, providerId: string): Promise<Provider | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.provider(providerId), ConsistentRead: true }),
  );
  return result.Item?.['provider'] as Provider | undefined;
}

/** Publishes a course; `exists` when the provider has this course id already. */
export async function createCourse(dynamo: DynamoContext, course: Course): Promise<'created' | 'exists'> {
  return putIfAbsent(dynamo, courseItem(course));
}

/** A course, by an eventually consistent read. */
export async function getCourse(
  dynamo: DynamoContext,
  providerId: string,
  courseId: string,
): Promise<Course | undefined> {
  const result = await dynamo.documents.send(
    new GetCommand({ TableName: dynamo.tableName, Key: key.course(providerId, courseId) }),
  );
  return result.Item?.['course'] as Course | undefined;
}

/**
 * Courses whose title contains `q` (case-insensitive) and, when given, of `category`: the whole
 * catalogue by title, or one provider's courses by id, read from that provider's own partition
 * (a provider's list never reads the catalogue).
 */
export async function searchCourses(
  dynamo: DynamoContext,
  filter: CourseFilter,
  page: PageRequest,
): Promise<Page<Course>> {
  const result = await queryIndexPage(
    dynamo,
    filter.providerId === undefined
      ? {
          indexName: 'gsi1',
          partition: catalogPartition,
          prefix: listPrefix.course,
          ascending: true,
          tableKeyOf: courseKeyFromSortKey,
          ...catalogueFilter(filter),
        }
      : {
          partition: providerPartition(filter.providerId),
          prefix: listPrefix.course,
          ascending: true,
          ...catalogueFilter(filter),
        },
    page,
  );
  return { ...result, items: result.items.map((item) => item['course'] as Course) };
}

/** The filter of a catalogue search, or none when it asks for every course. */
function catalogueFilter(filter: CourseFilter): { filter?: IndexFilter } {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  if (filter.q !== undefined && filter.q !== '') {
    filters.push('contains(#titleLower, :q)');
    names['#titleLower'] = 'titleLower';
    values[':q'] = filter.q.toLowerCase();
  }
  if (filter.category !== undefined) {
    filters.push('#category = :category');
    names['#category'] = 'category';
    values[':category'] = filter.category;
  }
  return filters.length === 0 ? {} : { filter: { expression: filters.join(' AND '), names, values } };
}
