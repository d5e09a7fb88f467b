import { describe, expect, it } from 'vitest';
import { Cancellation, type RoledItem, transact } from '../../../shared/store/dynamo/transact.ts';
import { cancelled, fakeDynamo } from './fake-dynamo.ts';

/**
 * How `transact` pairs DynamoDB's cancellation reasons with the items sent: each failed item keeps
 * its role, its subject when it has one and the item as it was when DynamoDB returned it, and
 * nothing it does not have.
 */

function conditionCheck(pk: string): RoledItem['item'] {
  return { ConditionCheck: { TableName: 'ledger', Key: { pk, sk: pk }, ConditionExpression: 'attribute_exists(pk)' } };
}

const items: RoledItem[] = [
  { role: 'idempotency', item: conditionCheck('IDEMPOTENCY#key-1') },
  { role: 'payout', subject: 'pay_1', item: conditionCheck('PAYOUT#pay_1') },
  { role: 'payable', subject: 'opleidingen-noord', item: conditionCheck('PROVIDER#opleidingen-noord') },
  { role: 'payout', subject: 'pay_2', item: conditionCheck('PAYOUT#pay_2') },
];

describe('the failed items of a cancelled transaction', () => {
  it('carries a subject and the old item only where the item has them, and no empty ones', async () => {
    const oldItem = { pk: { S: 'IDEMPOTENCY#key-1' }, requestHash: { S: 'hash-1' } };
    const fake = fakeDynamo(() => {
      throw cancelled([
        { Code: 'ConditionalCheckFailed', Item: oldItem },
        { Code: 'ConditionalCheckFailed' },
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed' },
      ]);
    });

    const result = await transact(fake.dynamo, 'payouts', items, (cancellation) => cancellation.failures);

    expect(result).toStrictEqual([
      { role: 'idempotency', oldItem },
      { role: 'payout', subject: 'pay_1' },
      { role: 'payout', subject: 'pay_2' },
    ]);
  });
});

describe('Cancellation.subjects', () => {
  it('names only the failed items of the role asked for, in the order they were sent', () => {
    const cancellation = new Cancellation(
      [
        { role: 'payable', subject: 'opleidingen-noord' },
        { role: 'payout', subject: 'pay_1' },
        { role: 'payout' },
        { role: 'payout', subject: 'pay_2' },
      ],
      cancelled([]),
    );

    expect(cancellation.subjects('payout')).toEqual(['pay_1', 'pay_2']);
    expect(cancellation.subjects('payable')).toEqual(['opleidingen-noord']);
    expect(cancellation.subjects('pot')).toEqual([]);
  });
});
