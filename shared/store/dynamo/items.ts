import type { ClientRecord } from '../../auth/principal.ts';
import type { Claim } from '../../ledger/claim.ts';
import { type CourseUse, noCourseUse } from '../../ledger/course-use.ts';
import type { Employment } from '../../ledger/employment.ts';
import type { PayableShard } from '../../ledger/payout.ts';
import type { Pot } from '../../ledger/pot.ts';
import type { Course } from '../../ledger/provider.ts';
import type { SchemeTotalShard } from '../../ledger/scheme-totals.ts';
import { claimDueSortKey, claimSortKey, courseSortKey } from '../sort-keys.ts';
import { catalogPartition, claimList, key, sortKeyPrefix, workList } from './keys.ts';

/**
 * Items as stored and the domain values they hold. Most items keep the domain value whole under
 * one attribute (`claim`, `course`, `payout`, …) next to the attributes that keys and conditions
 * need; pots and totals keep numbers at the top level, because transactions `ADD` to them.
 */

/** A DynamoDB item as the document client hands it over. */
export type Item = Record<string, unknown>;

/** A client record as written: its fields next to the key. */
export function clientItem(client: ClientRecord): Item {
  return { ...key.client(client.clientId), entity: 'client', ...client };
}

/** The client record an item holds. */
export function clientFromItem(item: Item): ClientRecord {
  const { pk: _pk, sk: _sk, entity: _entity, ...client } = item;
  // The record was written whole next to its key (see `clientItem`), so what is left is the record.
  return client as unknown as ClientRecord;
}

/** A budget shard of a new scheme: nothing moved yet, `budgetRemaining` to spend. */
export function budgetShardItem(funderId: string, schemeId: string, shard: number, budgetRemaining: number): Item {
  return {
    ...key.total(funderId, schemeId, shard),
    entity: 'schemeTotal',
    shard,
    balance: 0,
    deposited: 0,
    returned: 0,
    expired: 0,
    budgetRemaining,
  };
}

/** A scheme total shard as stored. */
export function schemeTotalShardFromItem(item: Item): SchemeTotalShard {
  return {
    shard: item['shard'] as number,
    balanceCents: item['balance'] as number,
    depositedCents: item['deposited'] as number,
    returnedCents: item['returned'] as number,
    expiredCents: item['expired'] as number,
    ...(item['budgetRemaining'] !== undefined && { budgetRemainingCents: item['budgetRemaining'] as number }),
  };
}

/** An employment as written when it starts; `endDate` is set by the transaction that ends it. */
export function employmentItem(employment: Employment): Item {
  return {
    ...key.employment(employment.employerId, employment.personId),
    entity: 'employment',
    startDate: employment.startDate,
  };
}

/** The employment an item holds; the ids come from its key, which the caller read it by. */
export function employmentFromItem(employerId: string, personId: string, item: Item): Employment {
  return {
    employerId,
    personId,
    startDate: item['startDate'] as string,
    ...(item['endDate'] !== undefined && { endDate: item['endDate'] as string }),
  };
}

/** A pot as stored, in its person's partition or on the expiry work list. */
export function potFromItem(item: Item): Pot {
  return {
    personId: (item['pk'] as string).slice('PERSON#'.length),
    potId: item['potId'] as string,
    schemeId: item['schemeId'] as string,
    label: item['label'] as string,
    funder: item['funder'] as Pot['funder'],
    ...(item['expiresAt'] !== undefined && { expiresAt: item['expiresAt'] as string }),
    revocable: item['revocable'] as boolean,
    ...(item['categories'] !== undefined && { categories: item['categories'] as string[] }),
    ...(item['maxPerCourse'] !== undefined && { maxPerCourseCents: item['maxPerCourse'] as number }),
    availableCents: item['available'] as number,
    reservedCents: item['reserved'] as number,
  };
}

/** A course as written: on the catalogue index by title, with what searches filter on. */
export function courseItem(course: Course): Item {
  return {
    ...key.course(course.providerId, course.courseId),
    entity: 'course',
    gsi1pk: catalogPartition,
    gsi1sk: courseSortKey(course),
    titleLower: course.title.toLowerCase(),
    category: course.category,
    course,
  };
}

/** The index attributes of a claim: who lists it, and which job waits for it. */
function claimIndexAttributes(claim: Claim): Record<string, string> {
  const sortKey = claimSortKey(claim);
  const dueSortKey = claimDueSortKey(claim);
  return {
    gsi1pk: claimList.provider(claim.providerId),
    gsi1sk: sortKey,
    gsi2pk: claimList.person(claim.personId),
    gsi2sk: sortKey,
    // Sparse: a claim in a final state leaves the jobs' index.
    ...(dueSortKey !== undefined && { gsi3pk: workList.claims(claim.status), gsi3sk: dueSortKey }),
  };
}

/**
 * The attribute of one scheme's count on a course use item. Top-level attributes rather than a
 * map, so that `ADD` creates a missing count at zero in the same update that creates the item.
 */
export const courseUseSchemeAttributePrefix = 'scheme:';

/**
 * A person's use of a course as stored: `total` and one `scheme:<funderId>#<schemeId>` count per
 * scheme; a missing item or count is nothing.
 */
export function courseUseFromItem(item: Item | undefined): CourseUse {
  if (item === undefined) return noCourseUse;
  const bySchemeCents: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(courseUseSchemeAttributePrefix)) {
      bySchemeCents[name.slice(courseUseSchemeAttributePrefix.length)] = value as number;
    }
  }
  return { totalCents: (item['total'] as number | undefined) ?? 0, bySchemeCents };
}

/** The claim item, as written. */
export function claimItem(claim: Claim): Item {
  return { ...key.claim(claim.claimId), entity: 'claim', status: claim.status, ...claimIndexAttributes(claim), claim };
}

/** A payable shard as stored; its number is in the sort key. */
export function payableShardFromItem(item: Item): PayableShard {
  return {
    shard: Number((item['sk'] as string).slice(sortKeyPrefix.payable.length)),
    balanceCents: item['balance'] as number,
  };
}
