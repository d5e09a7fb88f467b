import { schemeKey } from '../../ledger/course-use.ts';
import type { Movement } from '../../ledger/transfer.ts';
import type { CommitOptions } from '../ledger-store.ts';
import { auditPut } from './audit-trail.ts';
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
import { claimItem, courseUseSchemeAttributePrefix, storedResponseItem } from './items.ts';
import { key } from './keys.ts';
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
 * The transaction items of one movement and what comes with it, in the order they are sent:
 * the idempotency record, the employment check or end, the claim, the provider check, the claim
 * counter, the person's use of the course, the audit entry, then the payable shards, pots, scheme
 * total shards and transfers.
 * Each item carries the role by which a failed condition is translated. Pure: no I/O.
 */
export function movementItems(tableName: string, movement: Movement, options: CommitOptions = {}): RoledItem[] {
  const items: RoledItem[] = [];
  const add = (role: RoledItem['role'], item: RoledItem['item']) => items.push({ role, item });

  if (options.idempotency !== undefined) {
    const { scope, key: idempotencyKey, requestHash, response, createdAt } = options.idempotency;
    add('idempotency', {
      Put: {
        TableName: tableName,
        Item: {
          ...key.idempotency(scope, idempotencyKey),
          entity: 'idempotency',
          requestHash,
          response: storedResponseItem(response),
          createdAt,
        },
        ConditionExpression: itemDoesNotExist,
        // A reused key answers with the first request's record without a second read.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
  }
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
  if (options.audit !== undefined) items.push(auditPut(tableName, options.audit));
  for (const change of movement.payableChanges ?? []) add('payable', payableUpdate(tableName, change));
  for (const change of movement.potChanges) add('pot', potUpdate(tableName, change));
  for (const change of movement.totalChanges) items.push(totalUpdate(tableName, change));
  for (const transfer of movement.transfers) {
    add('transfer', {
      Put: {
        TableName: tableName,
        Item: { ...key.transfer(transfer), entity: 'transfer', transferId: transfer.transferId, transfer },
        ConditionExpression: itemDoesNotExist,
      },
    });
  }
  return items;
}
