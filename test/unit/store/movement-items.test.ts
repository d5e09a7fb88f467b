import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/ledger/audit.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { planDeposit } from '../../../shared/ledger/deposit.ts';
import type { Pot } from '../../../shared/ledger/pot.ts';
import { planReservation } from '../../../shared/ledger/reservation.ts';
import { planExpiry } from '../../../shared/ledger/return-to-funder.ts';
import type { Funder, Scheme } from '../../../shared/ledger/scheme.ts';
import type { Movement } from '../../../shared/ledger/transfer.ts';
import { commitMovement } from '../../../shared/store/dynamo/movement.ts';
import { movementItems } from '../../../shared/store/dynamo/movement-items.ts';
import { decodeBody } from '../../../shared/store/dynamo/movement-record.ts';
import type { TransactItem } from '../../../shared/store/dynamo/transact.ts';
import type { IdempotencyClaim } from '../../../shared/store/ledger-store.ts';
import { fakeDynamo } from './fake-dynamo.ts';

const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
const bouwfonds: Funder = { funderId: 'bouwfonds', type: 'sector', name: 'Sectorfonds Bouw' };
const createdAt = '2026-01-05T09:00:00.000Z';
const at = '2026-05-20T10:00:00.000Z';
const today = '2026-05-20';
const anna = 'person-anna';

const stap: Scheme = {
  funder: ocw,
  schemeId: 'stap',
  label: 'STAP',
  expiry: { kind: 'never' },
  revocable: false,
  createdAt,
};
const bouw: Scheme = {
  funder: bouwfonds,
  schemeId: 'bouw-2027',
  label: 'Bouw 2027',
  expiry: { kind: 'fixed', date: '2027-01-01' },
  revocable: false,
  createdAt,
};

const idempotency: IdempotencyClaim = {
  scope: 'funder:ocw',
  key: 'key-1',
  requestHash: 'hash-1',
  response: { statusCode: 201, body: { depositId: 'dep_1', amount: 125 } },
  createdAt: at,
};

const audit: AuditRecord = {
  auditId: 'aud_1',
  at,
  actor: { role: 'funder', clientId: 'funder-ocw', orgId: 'ocw' },
  action: 'deposit',
  subject: { personId: anna, funderId: 'ocw', schemeId: 'stap' },
  amountCents: 125,
  outcome: 'succeeded',
};

function depositInto(scheme: Scheme, amountCents: number, shardStart = 3): Movement {
  const planned = planDeposit({
    transferId: 'dep_1',
    scheme,
    personId: anna,
    amountCents,
    at,
    today,
    shards: [],
    shardStart,
  });
  if (!planned.ok) throw new Error(`test setup: the deposit was refused with ${planned.code}`);
  return planned.value.movement;
}

/** The Put, Update or ConditionCheck of an item, whichever it is. */
function actionOf(item: TransactItem | undefined): Record<string, unknown> {
  const action = item?.Put ?? item?.Update ?? item?.ConditionCheck ?? item?.Delete;
  if (action === undefined) throw new Error('no such item');
  return action as Record<string, unknown>;
}

describe('movementItems', () => {
  it('writes a deposit as one movement record (key, audit entry and transfer), the pot and the total shard', () => {
    const items = movementItems('ledger', depositInto(stap, 125), { idempotency, audit });

    expect(items.map((item) => item.role)).toEqual(['idempotency', 'pot', 'total']);
    const [record, pot, total] = items.map((item) => item.item);
    expect(record?.Put).toEqual({
      TableName: 'ledger',
      Item: {
        pk: 'IDEMPOTENCY#funder:ocw#key-1',
        sk: 'IDEMPOTENCY',
        entity: 'movement',
        // Listed in the audit trail by day and shard, and in Anna's history by time.
        gsi4pk: expect.stringMatching(/^AUDIT#2026-05-20#\d{3}$/),
        gsi4sk: `AUDIT#${at}#aud_1`,
        gsi5pk: `PERSON#${anna}`,
        gsi5sk: `TX#${at}#dep_1`,
        body: expect.any(Uint8Array),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    const { transfers } = depositInto(stap, 125);
    expect(decodeBody(record?.Put?.Item?.['body'] as Uint8Array)).toEqual({
      idempotency: { requestHash: 'hash-1', response: idempotency.response, createdAt: at },
      audit,
      transfers,
    });
    // Money only arrives: nothing to check on the pot or the total shard.
    expect(actionOf(pot)).toMatchObject({
      Key: { pk: `PERSON#${anna}`, sk: 'POT#ocw#stap#never' },
      UpdateExpression: expect.stringContaining('ADD #available :available, #reserved :reserved'),
      ExpressionAttributeValues: expect.objectContaining({ ':available': 125, ':reserved': 0 }),
    });
    expect(actionOf(pot)).not.toHaveProperty('ConditionExpression');
    expect(actionOf(total)).toMatchObject({
      Key: { pk: 'FUNDER#ocw', sk: 'TOTAL#stap#003' },
      ExpressionAttributeValues: expect.objectContaining({ ':balance': -125, ':deposited': 125 }),
    });
    expect(actionOf(total)).not.toHaveProperty('ConditionExpression');
  });

  it('writes an audit entry without money as a record of its own, holding the entry alone', () => {
    const items = movementItems('ledger', { transfers: [], potChanges: [], totalChanges: [] }, { audit });

    expect(items.map((item) => item.role)).toEqual(['audit']);
    const put = items[0]?.item.Put;
    expect(put?.Item).toMatchObject({ pk: 'AUDITENTRY#aud_1', sk: 'AUDITENTRY', gsi4sk: `AUDIT#${at}#aud_1` });
    expect(put?.Item).not.toHaveProperty('gsi5pk');
    // Nothing but the entry: no idempotency record, no (empty) transfers.
    expect(decodeBody(put?.Item?.['body'] as Uint8Array)).toStrictEqual({ audit });
  });

  it('puts a pot whose money expires on the expiry work list when a deposit makes money available', () => {
    const [, pot] = movementItems('ledger', depositInto(bouw, 300), {}).map((item) => item.item);

    expect(actionOf(pot)).toMatchObject({
      Key: { pk: `PERSON#${anna}`, sk: 'POT#bouwfonds#bouw-2027#2027-01-01' },
      UpdateExpression: expect.stringContaining('#duePk = :duePk, #dueSk = :dueSk'),
      ExpressionAttributeValues: expect.objectContaining({
        ':duePk': expect.stringMatching(/^DUE#pot#\d$/),
        ':dueSk': `2027-01-01#${anna}#bouwfonds#bouw-2027#2027-01-01`,
      }),
    });
  });

  it('writes a reservation as the claim (while it awaits approval), the pot taken from and the transfer', () => {
    const pot: Pot = {
      personId: anna,
      potId: 'ocw#stap#never',
      schemeId: 'stap',
      label: 'STAP',
      funder: ocw,
      revocable: false,
      availableCents: 1_000,
      reservedCents: 0,
    };
    const parts = [{ potId: pot.potId, schemeId: 'stap', funderId: 'ocw', amountCents: 400 }];
    const claim: Claim = {
      claimId: 'clm_1',
      providerId: 'opleidingen-noord',
      providerName: 'Opleidingen Noord',
      personId: anna,
      courseId: 'lassen-1',
      courseTitle: 'Lassen voor beginners',
      category: 'vakopleiding',
      amountCents: 400,
      startDate: today,
      status: 'approved',
      createdAt: at,
      updatedAt: at,
      approveBefore: '2026-06-19T10:00:00.000Z',
      parts,
      ownContributionCents: 0,
      captureBefore: '2026-11-16T23:59:59.999Z',
    };
    const movement = planReservation(claim, { parts, ownContributionCents: 0 }, [pot], at);

    const items = movementItems('ledger', movement, { claim: { claim, expectedStatus: 'awaiting_approval' } });

    // Without a key, the movement record is keyed by its first transfer: person, instant and id.
    expect(items.map((item) => item.role)).toEqual(['transfer', 'claim', 'pot']);
    expect(actionOf(items[0]?.item)).toMatchObject({
      Item: { pk: `MOVEMENT#${anna}#${at}#res_clm_1_0`, sk: 'MOVEMENT', gsi5pk: `PERSON#${anna}` },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(actionOf(items[0]?.item)['Item']).not.toHaveProperty('gsi4pk');
    expect(actionOf(items[1]?.item)).toMatchObject({
      Item: {
        pk: 'CLAIM#clm_1',
        sk: 'CLAIM',
        status: 'approved',
        gsi1pk: 'PROVIDER#opleidingen-noord#CLAIMS',
        gsi2pk: `PERSON#${anna}#CLAIMS`,
        // An approved claim waits for its capture deadline on the jobs' work list.
        gsi3pk: 'DUE#approved',
        gsi3sk: '2026-11-16T23:59:59.999Z#clm_1',
      },
      ConditionExpression: '#status = :expectedStatus',
      ExpressionAttributeValues: { ':expectedStatus': 'awaiting_approval' },
    });
    expect(actionOf(items[2]?.item)).toMatchObject({
      ConditionExpression: '#available >= :availableNeeded',
      ExpressionAttributeValues: expect.objectContaining({
        ':available': -400,
        ':reserved': 400,
        ':availableNeeded': 400,
      }),
    });
  });

  it('writes an expiry that takes exactly what is available and takes the pot off the expiry work list', () => {
    const pot: Pot = {
      personId: anna,
      potId: 'bouwfonds#bouw-2027#2027-01-01',
      schemeId: 'bouw-2027',
      label: 'Bouw 2027',
      funder: bouwfonds,
      expiresAt: '2027-01-01',
      revocable: false,
      availableCents: 300,
      reservedCents: 0,
    };
    const movement = planExpiry(pot, '2027-01-01T01:00:00.000Z', '2027-01-01', 5);
    if (movement === undefined) throw new Error('test setup: nothing expired');

    const items = movementItems('ledger', movement);

    expect(items.map((item) => item.role)).toEqual(['transfer', 'pot', 'total']);
    expect(actionOf(items[1]?.item)).toMatchObject({
      UpdateExpression: expect.stringMatching(/ REMOVE gsi3pk, gsi3sk$/),
      ConditionExpression: '#available = :availableExact',
      ExpressionAttributeValues: expect.objectContaining({ ':available': -300, ':availableExact': 300 }),
    });
    expect(actionOf(items[2]?.item)).toMatchObject({
      Key: { pk: 'FUNDER#bouwfonds', sk: 'TOTAL#bouw-2027#005' },
      ExpressionAttributeValues: expect.objectContaining({ ':balance': 300, ':expired': 300 }),
    });
  });

  it('checks an ongoing employment for an employer deposit, and the budget for a budgeted one', () => {
    // The domain's own employer and budget deposits are proven in the contract suite; here the
    // checks are put on a plain deposit to show which items they add and with which role.
    const movement: Movement = {
      ...depositInto(stap, 125),
      requireEmployment: { employerId: 'kvk-12345678', personId: anna },
      totalChanges: [
        {
          funderId: 'ocw',
          schemeId: 'stap',
          shard: 3,
          balanceDeltaCents: -125,
          depositedDeltaCents: 125,
          returnedDeltaCents: 0,
          expiredDeltaCents: 0,
          budgetRemainingDeltaCents: -125,
        },
      ],
    };

    const items = movementItems('ledger', movement);

    expect(items.map((item) => item.role)).toEqual(['transfer', 'employment', 'pot', 'budget']);
    expect(items[1]?.item.ConditionCheck).toEqual({
      TableName: 'ledger',
      Key: { pk: 'EMPLOYER#kvk-12345678', sk: `EMPLOYEE#${anna}` },
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endDate)',
    });
    expect(actionOf(items[3]?.item)).toMatchObject({
      ConditionExpression: '#budgetRemaining >= :budgetNeeded',
      ExpressionAttributeValues: expect.objectContaining({ ':budget': -125, ':budgetNeeded': 125 }),
    });
  });

  it('sends every item of a commit with every option set in one fixed order, each with its role', () => {
    // Not a movement the domain plans; it only has to carry one of everything.
    const claim: Claim = {
      claimId: 'clm_9',
      providerId: 'opleidingen-noord',
      providerName: 'Opleidingen Noord',
      personId: anna,
      courseId: 'lassen-1',
      courseTitle: 'Lassen voor beginners',
      category: 'vakopleiding',
      amountCents: 125,
      startDate: today,
      status: 'awaiting_approval',
      createdAt: at,
      updatedAt: at,
      approveBefore: '2026-06-19T10:00:00.000Z',
      parts: [],
      ownContributionCents: 0,
    };
    const movement: Movement = {
      ...depositInto(stap, 125),
      requireEmployment: { employerId: 'kvk-12345678', personId: anna },
      payableChanges: [{ providerId: 'opleidingen-noord', shard: 0, balanceDeltaCents: 125 }],
    };

    const items = movementItems('ledger', movement, {
      idempotency,
      endEmployment: { employerId: 'kvk-87654321', personId: anna, endDate: today },
      claim: { claim },
      requireActiveProvider: 'opleidingen-noord',
      claimCounter: { providerId: 'opleidingen-noord', courseId: 'lassen-1', year: '2026', max: 10 },
      audit,
    });

    expect(items.map((item) => item.role)).toEqual([
      'idempotency',
      'employment',
      'employment-end',
      'claim',
      'provider',
      'claim-counter',
      'payable',
      'pot',
      'total',
    ]);
    // Each role sits on the item it names.
    expect(items.map((item) => actionOf(item.item)['Key'] ?? actionOf(item.item)['Item'])).toMatchObject([
      { pk: 'IDEMPOTENCY#funder:ocw#key-1', gsi4sk: `AUDIT#${at}#aud_1`, gsi5sk: `TX#${at}#dep_1` },
      { pk: 'EMPLOYER#kvk-12345678' },
      { pk: 'EMPLOYER#kvk-87654321' },
      { pk: 'CLAIM#clm_9' },
      { pk: 'PROVIDER#opleidingen-noord', sk: 'PROVIDER' },
      { pk: 'PROVIDER#opleidingen-noord', sk: 'CLAIMCOUNT#lassen-1#2026' },
      { pk: 'PROVIDER#opleidingen-noord', sk: 'PAYABLE#000' },
      { pk: `PERSON#${anna}`, sk: 'POT#ocw#stap#never' },
      { pk: 'FUNDER#ocw', sk: 'TOTAL#stap#003' },
    ]);
  });
});

/** A movement of `count` pot changes and nothing else, to count a transaction's items. */
function manyPotChanges(count: number): Movement {
  const [change] = depositInto(stap, 1).potChanges;
  if (change === undefined) throw new Error('test setup: no pot change');
  return {
    potChanges: Array.from({ length: count }, (_, index) => ({
      ...change,
      pot: { ...change.pot, potId: `pot-${index}` },
    })),
    totalChanges: [],
    transfers: [],
  };
}

describe('transact', () => {
  it("refuses a transaction of more than DynamoDB's 100 items without sending it", async () => {
    const movement = manyPotChanges(101);
    const fake = fakeDynamo();

    await expect(commitMovement(fake.dynamo, movement)).rejects.toThrow(
      "commit: 101 items exceed DynamoDB's 100 per transaction",
    );
    expect(fake.sent).toEqual([]);
  });

  it('sends exactly 100 items, and reports the capacity they consumed under the operation', async () => {
    const movement = manyPotChanges(100);
    const fake = fakeDynamo(() => ({ ConsumedCapacity: [{ CapacityUnits: 150 }, { CapacityUnits: 50 }] }));

    expect(await commitMovement(fake.dynamo, movement)).toEqual({ kind: 'committed' });
    expect(fake.sent.map((command) => command.name)).toEqual(['TransactWriteCommand']);
    expect(fake.sent[0]?.input).toMatchObject({ ReturnConsumedCapacity: 'TOTAL' });
    expect((fake.sent[0]!.input['TransactItems'] as unknown[]).length).toBe(100);
    expect(fake.reported).toEqual([{ operation: 'commit', units: 200 }]);
  });

  it('asks for no consumed capacity and reports none when no one listens', async () => {
    const fake = fakeDynamo(() => ({ ConsumedCapacity: [{ CapacityUnits: 150 }] }), { listening: false });

    expect(await commitMovement(fake.dynamo, depositInto(stap, 1))).toEqual({ kind: 'committed' });
    expect(fake.sent.map((command) => command.name)).toEqual(['TransactWriteCommand']);
    expect(fake.sent[0]?.input).not.toHaveProperty('ReturnConsumedCapacity');
    expect(fake.reported).toEqual([]);
  });
});

describe('the person’s use of a course', () => {
  const change = {
    personId: anna,
    providerId: 'opleidingen-noord',
    courseId: 'lassen-1',
    totalDeltaCents: 60_000,
    totalMaxCents: 80_000,
    schemes: [
      { funderId: 'oo-techniek', schemeId: 'techniek-scholing', deltaCents: 40_000, maxCents: 50_000 },
      { funderId: 'rijk', schemeId: 'ontwikkelbudget', deltaCents: 20_000 },
    ],
  };

  it('adds what is held next to the person’s pots, at most each scheme’s maximum and the price', () => {
    const items = movementItems('ledger', { ...noMovementFor(), courseUseChange: change });

    expect(items.map((item) => item.role)).toEqual(['course-use']);
    expect(actionOf(items[0]?.item)).toEqual({
      TableName: 'ledger',
      Key: { pk: `PERSON#${anna}`, sk: 'COURSEUSE#opleidingen-noord#lassen-1' },
      UpdateExpression:
        'SET #entity = :entity, #providerId = :providerId, #courseId = :courseId ADD #total :total, #s0 :s0, #s1 :s1',
      // A condition cannot add, so "used + added <= limit" is written as "used <= limit - added".
      ConditionExpression:
        '(attribute_not_exists(#total) OR #total <= :totalRoom) AND (attribute_not_exists(#s0) OR #s0 <= :room0)',
      ExpressionAttributeNames: {
        '#entity': 'entity',
        '#providerId': 'providerId',
        '#courseId': 'courseId',
        '#total': 'total',
        '#s0': 'scheme:oo-techniek#techniek-scholing',
        '#s1': 'scheme:rijk#ontwikkelbudget',
      },
      ExpressionAttributeValues: {
        ':entity': 'courseUse',
        ':providerId': 'opleidingen-noord',
        ':courseId': 'lassen-1',
        ':total': 60_000,
        ':totalRoom': 20_000,
        ':s0': 40_000,
        ':room0': 10_000,
        ':s1': 20_000,
      },
    });
  });

  it('takes what is released off without a condition, so giving money back is never refused over the count', () => {
    const release = {
      ...change,
      totalDeltaCents: -60_000,
      schemes: change.schemes.map(({ funderId, schemeId, deltaCents }) => ({
        funderId,
        schemeId,
        deltaCents: -deltaCents,
      })),
    };
    const { totalMaxCents: _max, ...withoutLimit } = release;
    const action = actionOf(movementItems('ledger', { ...noMovementFor(), courseUseChange: withoutLimit })[0]?.item);

    expect(action).not.toHaveProperty('ConditionExpression');
    expect(action['ExpressionAttributeValues']).toMatchObject({ ':total': -60_000, ':s0': -40_000, ':s1': -20_000 });
  });

  it('writes an increase past a limit on its own as a condition that never holds', () => {
    const action = actionOf(
      movementItems('ledger', { ...noMovementFor(), courseUseChange: { ...change, totalMaxCents: 59_999 } })[0]?.item,
    );

    expect(action['ConditionExpression']).toContain('attribute_not_exists(pk) AND attribute_exists(pk)');
    expect(action['ExpressionAttributeValues']).not.toHaveProperty(':totalRoom');
  });
});

function noMovementFor(): Movement {
  return { transfers: [], potChanges: [], totalChanges: [] };
}
