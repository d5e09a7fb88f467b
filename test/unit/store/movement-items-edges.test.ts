import { describe, expect, it } from 'vitest';
import type { CourseUseChange } from '../../../shared/ledger/course-use.ts';
import type { Movement } from '../../../shared/ledger/transfer.ts';
import { movementItems } from '../../../shared/store/dynamo/movement-items.ts';
import type { TransactItem } from '../../../shared/store/dynamo/transact.ts';
import { anna, claim } from './claim-fixture.ts';

/**
 * The edges of the items a movement is written with: a limit met exactly, a change that adds
 * nothing, and the exact condition each claim, provider and claim counter item carries.
 */

const nothingMoves: Movement = { transfers: [], potChanges: [], totalChanges: [] };

/** The Put, Update or ConditionCheck of an item, whichever it is. */
function actionOf(item: TransactItem | undefined): Record<string, unknown> {
  const action = item?.Put ?? item?.Update ?? item?.ConditionCheck ?? item?.Delete;
  if (action === undefined) throw new Error('no such item');
  return action as Record<string, unknown>;
}

function courseUseAction(change: CourseUseChange): Record<string, unknown> {
  const [only] = movementItems('ledger', { ...nothingMoves, courseUseChange: change });
  return actionOf(only?.item);
}

function courseUse(totalDeltaCents: number, schemeDeltaCents: number): CourseUseChange {
  return {
    personId: anna,
    providerId: 'opleidingen-noord',
    courseId: 'lassen-1',
    totalDeltaCents,
    totalMaxCents: 80_000,
    schemes: [{ funderId: 'rijk', schemeId: 'ontwikkelbudget', deltaCents: schemeDeltaCents, maxCents: 50_000 }],
  };
}

describe('the course use item at the edges of its limits', () => {
  it('lets an increase that reaches the price and the scheme maximum exactly through, with no room left', () => {
    const action = courseUseAction(courseUse(80_000, 50_000));

    expect(action['ConditionExpression']).toBe(
      '(attribute_not_exists(#total) OR #total <= :totalRoom) AND (attribute_not_exists(#s0) OR #s0 <= :room0)',
    );
    expect(action['ExpressionAttributeValues']).toMatchObject({ ':totalRoom': 0, ':room0': 0 });
  });

  it('puts no condition on a change that adds nothing, even with the limits given', () => {
    const action = courseUseAction(courseUse(0, 0));

    expect(action).not.toHaveProperty('ConditionExpression');
    expect(action['ExpressionAttributeValues']).not.toHaveProperty(':totalRoom');
    expect(action['ExpressionAttributeValues']).not.toHaveProperty(':room0');
  });

  it('puts no condition on a release that keeps its limits, so money going back is never refused', () => {
    const action = courseUseAction(courseUse(-80_000, -50_000));

    expect(action).not.toHaveProperty('ConditionExpression');
    expect(action['ExpressionAttributeValues']).toMatchObject({ ':total': -80_000, ':s0': -50_000 });
  });
});

describe('the conditions of the claim, provider and claim counter items', () => {
  it('writes a new claim only where no claim with its id exists yet', () => {
    const [item] = movementItems('ledger', nothingMoves, { claim: { claim } });

    expect(item?.role).toBe('claim');
    const action = actionOf(item?.item);
    expect(action['ConditionExpression']).toBe('attribute_not_exists(pk)');
    expect(action).not.toHaveProperty('ExpressionAttributeValues');
  });

  it('writes a claim with an expected status only while the stored claim has that status', () => {
    const action = actionOf(
      movementItems('ledger', nothingMoves, { claim: { claim, expectedStatus: 'awaiting_approval' } })[0]?.item,
    );

    expect(action).toMatchObject({
      ConditionExpression: '#status = :expectedStatus',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':expectedStatus': 'awaiting_approval' },
    });
  });

  it("checks that the provider's status is active", () => {
    const [item] = movementItems('ledger', nothingMoves, { requireActiveProvider: 'opleidingen-noord' });

    expect(item?.role).toBe('provider');
    expect(actionOf(item?.item)).toEqual({
      TableName: 'ledger',
      Key: { pk: 'PROVIDER#opleidingen-noord', sk: 'PROVIDER' },
      ConditionExpression: '#provider.#status = :active',
      ExpressionAttributeNames: { '#provider': 'provider', '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    });
  });

  it('counts a claim on a counter item marked as a claim count, while the count is below the maximum', () => {
    const counter = { providerId: 'opleidingen-noord', courseId: 'lassen-1', year: '2026', max: 10 };
    const [item] = movementItems('ledger', nothingMoves, { claimCounter: counter });

    expect(item?.role).toBe('claim-counter');
    expect(actionOf(item?.item)).toEqual({
      TableName: 'ledger',
      Key: { pk: 'PROVIDER#opleidingen-noord', sk: 'CLAIMCOUNT#lassen-1#2026' },
      UpdateExpression: 'SET #entity = :entity ADD #count :one',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
      ExpressionAttributeNames: { '#entity': 'entity', '#count': 'count' },
      ExpressionAttributeValues: { ':entity': 'claimCount', ':one': 1, ':max': 10 },
    });
  });
});
