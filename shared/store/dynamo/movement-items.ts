import { schemeKey } from '../../ledger/course-use.ts';
import type { Movement } from '../../ledger/transfer.ts';
import type { CommitOptions } from '../ledger-store.ts';
import { payableUpdate, potUpdate, totalUpdate } from './balance-updates.ts';
import {
  claimCountBelowMax,
  claimHasStatus,
  courseUseLeavesRoom,
  employmentEnded,
  employmentOngoing,
  itemDoesNotExist,
  neverHolds,
  providerActive,
} from './conditions.ts';
import { claimItem, courseUseSchemeAttributePrefix } from './items.ts';
import { key } from './keys.ts';
import { type MovementRecord, movementRecordItem, movementRecordKey } from './movement-record.ts';
import type { RoledItem, TransactItem } from './transact.ts';

type CourseUseChange = NonNullable<Movement['courseUseChange']>;

/**
 * The update of a person's use of a course: `ADD` of each count, so concurrent changes never lose
 * each other's; what is added is conditioned on the limits (the price for the total, each
 * scheme's maximum per course for its count), restated as "at most the limit less what is added"
 * because a condition cannot add. What is taken off carries no condition. Creates the item on the
 * first approval; a missing item or count is zero.
 */
export function courseUseUpdate(tableName: string, change: CourseUseChange): TransactItem {
  const names: Record<string, string> = {
    '#entity': 'entity',
    '#providerId': 'providerId',
    '#courseId': 'courseId',
    '#total': 'total',
  };
  const values: Record<string, unknown> = {
    ':entity': 'courseUse',
    ':providerId': change.providerId,
    ':courseId': change.courseId,
    ':total': change.totalDeltaCents,
  };
  const sets = 'SET #entity = :entity, #providerId = :providerId, #courseId = :courseId';
  const adds = ['#total :total'];
  const conditions: string[] = [];
  /** At most `max` after adding `delta` to the count `count`; room below zero can never hold. */
  const limit = (count: string, room: string, max: number, delta: number) => {
    if (max - delta < 0) {
      conditions.push(neverHolds);
      return;
    }
    values[room] = max - delta;
    conditions.push(courseUseLeavesRoom(count, room));
  };
  if (change.totalMaxCents !== undefined && change.totalDeltaCents > 0) {
    limit('#total', ':totalRoom', change.totalMaxCents, change.totalDeltaCents);
  }
  change.schemes.forEach((scheme, index) => {
    names[`#s${index}`] = `${courseUseSchemeAttributePrefix}${schemeKey(scheme.funderId, scheme.schemeId)}`;
    values[`:s${index}`] = scheme.deltaCents;
    adds.push(`#s${index} :s${index}`);
    if (scheme.maxCents !== undefined && scheme.deltaCents > 0) {
      limit(`#s${index}`, `:room${index}`, scheme.maxCents, scheme.deltaCents);
    }
  });
  return {
    Update: {
      TableName: tableName,
      Key: key.courseUse(change.personId, change.providerId, change.courseId),
      UpdateExpression: `${sets} ADD ${adds.join(', ')}`,
      ...(conditions.length > 0 && { ConditionExpression: conditions.join(' AND ') }),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The movement record (idempotency record, audit entry and transfers in one item, see
 * `movement-record.ts`), written only while absent. With an idempotency key its failing condition
 * means the key was used before, and it asks for the stored record back (`ALL_OLD`) so a replay
 * needs no second read; without one it guards against writing a transfer or audit entry twice.
 */
function movementRecordPut(tableName: string, movement: Movement, options: CommitOptions): RoledItem | undefined {
  const { idempotency, audit } = options;
  const record: MovementRecord = {
    ...(idempotency !== undefined && {
      idempotency: {
        requestHash: idempotency.requestHash,
        response: idempotency.response,
        createdAt: idempotency.createdAt,
      },
    }),
    ...(audit !== undefined && { audit }),
    ...(movement.transfers.length > 0 && { transfers: movement.transfers }),
  };
  const tableKey = movementRecordKey(record, idempotency);
  if (tableKey === undefined) return undefined;
  const put = {
    TableName: tableName,
    Item: movementRecordItem(tableKey, record),
    ConditionExpression: itemDoesNotExist,
  };
  if (idempotency !== undefined) {
    // A reused key answers with the first request's record without a second read.
    return { role: 'idempotency', item: { Put: { ...put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } };
  }
  return { role: movement.transfers.length > 0 ? 'transfer' : 'audit', item: { Put: put } };
}

/**
 * The transaction items of one movement and what comes with it, in the order they are sent:
 * the movement record, the employment check or end, the claim, the provider check, the claim
 * counter, the person's use of the course, then the payable shards, pots and scheme total shards.
 * Each item carries the role by which a failed condition is translated. Pure: no I/O.
 */
export function movementItems(tableName: string, movement: Movement, options: CommitOptions = {}): RoledItem[] {
  const items: RoledItem[] = [];
  const add = (role: RoledItem['role'], item: RoledItem['item']) => items.push({ role, item });

  const record = movementRecordPut(tableName, movement, options);
  if (record !== undefined) items.push(record);
  if (movement.requireEmployment !== undefined) {
    const { employerId, personId } = movement.requireEmployment;
    add('employment', {
      ConditionCheck: {
        TableName: tableName,
        Key: key.employment(employerId, personId),
        ConditionExpression: employmentOngoing,
      },
    });
  }
  for (const { employerId, personId, ended } of movement.employmentsAsRead ?? []) {
    add('employment-as-read', {
      ConditionCheck: {
        TableName: tableName,
        Key: key.employment(employerId, personId),
        ConditionExpression: ended ? employmentEnded : employmentOngoing,
      },
    });
  }
  if (options.endEmployment !== undefined) {
    const { employerId, personId, endDate } = options.endEmployment;
    add('employment-end', {
      Update: {
        TableName: tableName,
        Key: key.employment(employerId, personId),
        UpdateExpression: 'SET #endDate = :endDate',
        ConditionExpression: employmentOngoing,
        ExpressionAttributeNames: { '#endDate': 'endDate' },
        ExpressionAttributeValues: { ':endDate': endDate },
      },
    });
  }
  if (options.claim !== undefined) {
    const { claim, expectedStatus } = options.claim;
    add('claim', {
      Put: {
        TableName: tableName,
        Item: claimItem(claim),
        ...(expectedStatus === undefined
          ? { ConditionExpression: itemDoesNotExist }
          : {
              ConditionExpression: claimHasStatus,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':expectedStatus': expectedStatus },
            }),
      },
    });
  }
  if (options.requireActiveProvider !== undefined) {
    add('provider', {
      ConditionCheck: {
        TableName: tableName,
        Key: key.provider(options.requireActiveProvider),
        ConditionExpression: providerActive,
        ExpressionAttributeNames: { '#provider': 'provider', '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active' },
      },
    });
  }
  if (options.claimCounter !== undefined) {
    add('claim-counter', {
      Update: {
        TableName: tableName,
        Key: key.claimCounter(options.claimCounter),
        UpdateExpression: 'SET #entity = :entity ADD #count :one',
        ConditionExpression: claimCountBelowMax,
        ExpressionAttributeNames: { '#entity': 'entity', '#count': 'count' },
        ExpressionAttributeValues: { ':entity': 'claimCount', ':one': 1, ':max': options.claimCounter.max },
      },
    });
  }
  if (movement.courseUseChange !== undefined) add('course-use', courseUseUpdate(tableName, movement.courseUseChange));
  for (const change of movement.payableChanges ?? []) add('payable', payableUpdate(tableName, change));
  for (const change of movement.potChanges) add('pot', potUpdate(tableName, change));
  for (const change of movement.totalChanges) items.push(totalUpdate(tableName, change));
  return items;
}
