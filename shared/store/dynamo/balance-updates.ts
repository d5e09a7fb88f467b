import { limits } from '../../ledger/limits.ts';
import type { Movement } from '../../ledger/transfer.ts';
import { potExpiryListShard, potExpirySortKey } from '../sort-keys.ts';
import { availableCovers, availableIsExactly, budgetCovers, payableCovers, reservedCovers } from './conditions.ts';
import { key, workList } from './keys.ts';
import type { RoledItem, TransactItem } from './transact.ts';

/**
 * The balance updates of a movement: pots, scheme total shards and payable shards. Each is an
 * `ADD` of the change, so concurrent movements on the same item never lose each other's money;
 * the conditions keep a balance from going below what is taken. Pure: no I/O.
 */

type PotChange = Movement['potChanges'][number];
type TotalChange = Movement['totalChanges'][number];
type PayableChange = NonNullable<Movement['payableChanges']>[number];

/**
 * The update of one pot. It creates the pot on its first deposit (the descriptive attributes are
 * set, or kept with `if_not_exists` where the first value must win) and keeps the pot's place on
 * the expiry work list in step with its available money.
 */
export function potUpdate(tableName: string, change: PotChange): TransactItem {
  const { pot } = change;
  const values: Record<string, unknown> = {
    ':entity': 'pot',
    ':potId': pot.potId,
    ':schemeId': pot.schemeId,
    ':label': pot.label,
    ':funder': pot.funder,
    ':revocable': pot.revocable,
    ':available': change.availableDeltaCents,
    ':reserved': change.reservedDeltaCents,
  };
  // Every attribute goes through a name placeholder: several of ours are DynamoDB reserved words.
  const names: Record<string, string> = {
    '#entity': 'entity',
    '#potId': 'potId',
    '#schemeId': 'schemeId',
    '#label': 'label',
    '#funder': 'funder',
    '#revocable': 'revocable',
    '#available': 'available',
    '#reserved': 'reserved',
  };
  const sets = [
    '#entity = :entity',
    '#potId = :potId',
    '#schemeId = :schemeId',
    '#label = if_not_exists(#label, :label)',
    '#funder = if_not_exists(#funder, :funder)',
    '#revocable = :revocable',
  ];
  if (pot.expiresAt !== undefined) {
    names['#expiresAt'] = 'expiresAt';
    sets.push('#expiresAt = :expiresAt');
    values[':expiresAt'] = pot.expiresAt;
  }
  if (pot.categories !== undefined) {
    names['#categories'] = 'categories';
    sets.push('#categories = if_not_exists(#categories, :categories)');
    values[':categories'] = pot.categories;
  }
  if (pot.maxPerCourseCents !== undefined) {
    names['#maxPerCourse'] = 'maxPerCourse';
    sets.push('#maxPerCourse = if_not_exists(#maxPerCourse, :maxPerCourse)');
    values[':maxPerCourse'] = pot.maxPerCourseCents;
  }
  const conditions: string[] = [];
  let removes = '';
  if (change.takesAllAvailable === true) {
    // Expiry takes exactly what was available; anything that arrived since keeps the pot listed.
    conditions.push(availableIsExactly);
    values[':availableExact'] = -change.availableDeltaCents;
    removes = ' REMOVE gsi3pk, gsi3sk';
  } else if (change.availableDeltaCents < 0) {
    conditions.push(availableCovers);
    values[':availableNeeded'] = -change.availableDeltaCents;
  }
  if (pot.expiresAt !== undefined && change.availableDeltaCents > 0 && change.takesAllAvailable !== true) {
    // Money the person can spend now has a date by which it expires: the pot joins the expiry work list.
    names['#duePk'] = 'gsi3pk';
    names['#dueSk'] = 'gsi3sk';
    sets.push('#duePk = :duePk', '#dueSk = :dueSk');
    values[':duePk'] = workList.pot(potExpiryListShard(pot.personId, limits.potExpiryListShards));
    values[':dueSk'] = potExpirySortKey({ personId: pot.personId, potId: pot.potId, expiresAt: pot.expiresAt });
  }
  if (change.reservedDeltaCents < 0) {
    conditions.push(reservedCovers);
    values[':reservedNeeded'] = -change.reservedDeltaCents;
  }
  return {
    Update: {
      TableName: tableName,
      Key: key.pot(pot.personId, pot.potId),
      UpdateExpression: `SET ${sets.join(', ')} ADD #available :available, #reserved :reserved${removes}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(conditions.length > 0 && { ConditionExpression: conditions.join(' AND ') }),
    },
  };
}

/**
 * The update of one scheme total shard. Only a shard that spends budget has a condition, so
 * only then can it fail, and its role says so: `budget` (budget_exceeded), otherwise `total`.
 */
export function totalUpdate(tableName: string, change: TotalChange): RoledItem {
  const values: Record<string, unknown> = {
    ':balance': change.balanceDeltaCents,
    ':deposited': change.depositedDeltaCents,
    ':returned': change.returnedDeltaCents,
    ':expired': change.expiredDeltaCents,
    ':shard': change.shard,
    ':entity': 'schemeTotal',
  };
  const names: Record<string, string> = {
    '#entity': 'entity',
    '#shard': 'shard',
    '#balance': 'balance',
    '#deposited': 'deposited',
    '#returned': 'returned',
    '#expired': 'expired',
  };
  let update =
    'SET #entity = :entity, #shard = :shard ' +
    'ADD #balance :balance, #deposited :deposited, #returned :returned, #expired :expired';
  let condition: string | undefined;
  if (change.budgetRemainingDeltaCents !== undefined) {
    update += ', #budgetRemaining :budget';
    names['#budgetRemaining'] = 'budgetRemaining';
    values[':budget'] = change.budgetRemainingDeltaCents;
    if (change.budgetRemainingDeltaCents < 0) {
      condition = budgetCovers;
      values[':budgetNeeded'] = -change.budgetRemainingDeltaCents;
    }
  }
  return {
    role: condition === undefined ? 'total' : 'budget',
    item: {
      Update: {
        TableName: tableName,
        Key: key.total(change.funderId, change.schemeId, change.shard),
        UpdateExpression: update,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(condition !== undefined && { ConditionExpression: condition }),
      },
    },
  };
}

/** The update of one payable shard by a movement (a capture adds, a correction may take). */
export function payableUpdate(tableName: string, change: PayableChange): TransactItem {
  const takes = change.balanceDeltaCents < 0;
  return {
    Update: {
      TableName: tableName,
      Key: key.payable(change.providerId, change.shard),
      UpdateExpression: 'SET #entity = :entity ADD #balance :balance',
      ExpressionAttributeNames: { '#entity': 'entity', '#balance': 'balance' },
      ExpressionAttributeValues: {
        ':entity': 'payable',
        ':balance': change.balanceDeltaCents,
        ...(takes && { ':needed': -change.balanceDeltaCents }),
      },
      ...(takes && { ConditionExpression: payableCovers }),
    },
  };
}
