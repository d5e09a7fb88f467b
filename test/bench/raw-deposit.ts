import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditRecord } from '../../shared/application/audit.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { planDeposit } from '../../shared/ledger/deposit.ts';
import { limits } from '../../shared/ledger/limits.ts';
import type { Scheme } from '../../shared/ledger/scheme.ts';
import { movementRecordItem } from '../../shared/store/dynamo/movement-record.ts';
import type { BenchPerson } from './world.ts';

/**
 * The `TransactWriteItems` input that `DynamoLedgerStore.commit` sends for a deposit into a
 * scheme without a budget, built by hand: the movement record Put (built by the store's own
 * `movementRecordItem`, so its compressed body is the same), the pot Update and the funder total
 * shard Update, with the same keys, attributes, expressions and conditions.
 * The movement itself comes from the domain's `planDeposit`, so the items carry the same values.
 * Keep this in step with `movementItems` in `shared/store/dynamo/movement-items.ts` and `potUpdate`
 * in `shared/store/dynamo/balance-updates.ts`.
 */
export function rawDepositInput(
  tableName: string,
  scheme: Scheme,
  person: BenchPerson,
  amountCents: number,
  scope: string,
  idempotencyKey: string,
  shardStart: number,
): TransactWriteCommandInput {
  if (scheme.budgetCents !== undefined)
    throw new Error('rawDepositInput: mirrors deposits into schemes without a budget only');
  const now = new Date();
  const planned = planDeposit({
    transferId: `dep_${requestHash(scope, idempotencyKey).slice(0, 26)}`,
    scheme,
    personId: person.personId,
    amountCents,
    at: now.toISOString(),
    today: dateOf(now),
    shards: [],
    shardStart: shardStart % limits.schemeTotalShards,
  });
  if (!planned.ok) throw new Error(`rawDepositInput: ${planned.code}`);
  const { transfer, movement } = planned.value;
  const [potChange] = movement.potChanges;
  const [total] = movement.totalChanges;
  if (
    potChange === undefined ||
    total === undefined ||
    movement.potChanges.length !== 1 ||
    movement.totalChanges.length !== 1
  ) {
    throw new Error('rawDepositInput: a deposit changes one pot and one total shard');
  }
  const { pot } = potChange;
  const response = {
    statusCode: 201,
    body: {
      depositId: transfer.transferId,
      schemeId: transfer.schemeId,
      amount: transfer.amountCents,
      at: transfer.at,
    },
  };
  const audit = auditRecord(
    { role: 'funder', clientId: 'bench-client', orgId: scheme.funder.funderId },
    'deposit',
    now,
    {
      subject: {
        schemeId: scheme.schemeId,
        personId: person.personId,
        transferIds: [transfer.transferId],
        idempotencyKey,
      },
      amountCents,
    },
  );
  const hash = requestHash('deposit', { schemeId: scheme.schemeId, amount: amountCents, personId: person.personId });

  return {
    TransactItems: [
      {
        Put: {
          TableName: tableName,
          // The movement record: the key's record, the audit entry and the transfer in one item.
          Item: movementRecordItem(
            { pk: `IDEMPOTENCY#${scope}#${idempotencyKey}`, sk: 'IDEMPOTENCY' },
            {
              idempotency: { requestHash: hash, response, createdAt: now.toISOString() },
              audit,
              transfers: [transfer],
            },
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: { pk: `PERSON#${pot.personId}`, sk: `POT#${pot.potId}` },
          UpdateExpression:
            'SET #entity = :entity, #potId = :potId, #schemeId = :schemeId, #label = if_not_exists(#label, :label), ' +
            '#funder = if_not_exists(#funder, :funder), #revocable = :revocable' +
            (pot.expiresAt === undefined ? '' : ', #expiresAt = :expiresAt') +
            ' ADD #available :available, #reserved :reserved',
          ExpressionAttributeNames: {
            '#entity': 'entity',
            '#potId': 'potId',
            '#schemeId': 'schemeId',
            '#label': 'label',
            '#funder': 'funder',
            '#revocable': 'revocable',
            '#available': 'available',
            '#reserved': 'reserved',
            ...(pot.expiresAt !== undefined && { '#expiresAt': 'expiresAt' }),
          },
          ExpressionAttributeValues: {
            ':entity': 'pot',
            ':potId': pot.potId,
            ':schemeId': pot.schemeId,
            ':label': pot.label,
            ':funder': pot.funder,
            ':revocable': pot.revocable,
            ':available': potChange.availableDeltaCents,
            ':reserved': potChange.reservedDeltaCents,
            ...(pot.expiresAt !== undefined && { ':expiresAt': pot.expiresAt }),
          },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: {
            pk: `FUNDER#${total.funderId}`,
            sk: `TOTAL#${total.schemeId}#${total.shard.toString().padStart(3, '0')}`,
          },
          UpdateExpression:
            'SET #entity = :entity, #shard = :shard ' +
            'ADD #balance :balance, #deposited :deposited, #returned :returned, #expired :expired',
          ExpressionAttributeNames: {
            '#entity': 'entity',
            '#shard': 'shard',
            '#balance': 'balance',
            '#deposited': 'deposited',
            '#returned': 'returned',
            '#expired': 'expired',
          },
          ExpressionAttributeValues: {
            ':balance': total.balanceDeltaCents,
            ':deposited': total.depositedDeltaCents,
            ':returned': total.returnedDeltaCents,
            ':expired': total.expiredDeltaCents,
            ':shard': total.shard,
            ':entity': 'schemeTotal',
          },
        },
      },
    ],
  };
}
