import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { planDeposit } from '../../../shared/ledger/deposit.ts';
import { type PayoutPlan, planPayoutFile } from '../../../shared/ledger/payout.ts';
import type { Payout } from '../../../shared/ledger/provider.ts';
import type { Funder, Scheme } from '../../../shared/ledger/scheme.ts';
import type { Movement } from '../../../shared/ledger/transfer.ts';
import { commitMovement, commitResultOf } from '../../../shared/store/dynamo/movement.ts';
import { movementItems } from '../../../shared/store/dynamo/movement-items.ts';
import { encodeBody } from '../../../shared/store/dynamo/movement-record.ts';
import {
  commitPayout,
  commitPayoutFile,
  payoutFileItems,
  payoutFileResultOf,
  payoutItems,
  payoutResultOf,
} from '../../../shared/store/dynamo/payouts.ts';
import { createScheme } from '../../../shared/store/dynamo/schemes.ts';
import { Cancellation, type FailedItem, type ItemRole, type RoledItem } from '../../../shared/store/dynamo/transact.ts';
import type { CommitOptions } from '../../../shared/store/ledger-store.ts';
import { cancelled, fakeDynamo, reasonsFailing } from './fake-dynamo.ts';

/**
 * How a cancelled transaction is translated: by the role of the items whose condition failed,
 * whatever their position. DynamoDB answers with one reason per item, in the order sent; these
 * tests build that answer from the items the adapter would send.
 */

const ocw: Funder = { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' };
const stap: Scheme = {
  funder: ocw,
  schemeId: 'stap',
  label: 'STAP',
  expiry: { kind: 'never' },
  revocable: false,
  createdAt: '2026-01-05T09:00:00.000Z',
};
const at = '2026-05-20T10:00:00.000Z';
const anna = 'person-anna';

const deposit: Movement = (() => {
  const planned = planDeposit({
    transferId: 'dep_1',
    scheme: stap,
    personId: anna,
    amountCents: 125,
    at,
    today: '2026-05-20',
    shards: [],
    shardStart: 0,
  });
  if (!planned.ok) throw new Error(`test setup: the deposit was refused with ${planned.code}`);
  return { ...planned.value.movement, requireEmployment: { employerId: 'kvk-12345678', personId: anna } };
})();

const withKey: CommitOptions = {
  idempotency: {
    scope: 'funder:ocw',
    key: 'key-1',
    requestHash: 'hash-2',
    response: { statusCode: 201, body: {} },
    createdAt: at,
  },
};

/** The reasons DynamoDB gives when the conditions of the items with `failing` roles fail. */
function reasonsWhere(items: readonly RoledItem[], failing: (item: RoledItem) => boolean) {
  return reasonsFailing(
    items.length,
    items.flatMap((item, index) => (failing(item) ? [index] : [])),
  );
}

/** A fake DynamoDB that cancels the transaction, failing the items with one of `roles`. */
function failing(items: readonly RoledItem[], roles: readonly ItemRole[], old?: Record<string, unknown>) {
  const reasons = reasonsWhere(items, (item) => roles.includes(item.role)).map((reason) =>
    reason.Code === 'ConditionalCheckFailed' && old !== undefined ? { ...reason, Item: marshall(old) } : reason,
  );
  return fakeDynamo(() => {
    throw cancelled(reasons);
  });
}

/** A movement record as a cancellation hands it back (`ALL_OLD`): the first request's hash and reply body. */
function keptRecord(body: unknown): Record<string, unknown> {
  return {
    pk: 'IDEMPOTENCY#funder:ocw#key-1',
    sk: 'IDEMPOTENCY',
    entity: 'movement',
    body: encodeBody({ idempotency: { requestHash: 'hash-1', response: { statusCode: 201, body }, createdAt: at } }),
  };
}

describe('translating a cancelled movement', () => {
  it('answers `insufficient_funds` when a pot fails its condition', async () => {
    const items = movementItems('ledger', deposit, withKey);
    expect(await commitMovement(failing(items, ['pot']).dynamo, deposit, withKey)).toEqual({
      kind: 'insufficient_funds',
    });
  });

  it("answers `key_exists` with the first request's record when the idempotency record returns it", async () => {
    const items = movementItems('ledger', deposit, withKey);
    const old = keptRecord({ b: 1, a: 2 });

    const result = await commitMovement(failing(items, ['idempotency'], old).dynamo, deposit, withKey);

    expect(result).toEqual({
      kind: 'key_exists',
      record: { requestHash: 'hash-1', response: { statusCode: 201, body: { b: 1, a: 2 } } },
    });
    // The body comes back with its keys in the first answer's order.
    expect(JSON.stringify(result.kind === 'key_exists' && result.record.response.body)).toBe('{"b":1,"a":2}');
  });

  it('answers `conflict` when the idempotency record fails without the old item: the caller reads it', async () => {
    const items = movementItems('ledger', deposit, withKey);
    expect(await commitMovement(failing(items, ['idempotency']).dynamo, deposit, withKey)).toEqual({
      kind: 'conflict',
    });
  });

  it('puts a reused key before everything else, and the employment before the money', async () => {
    const items = movementItems('ledger', deposit, withKey);
    const old = keptRecord({});

    expect(
      await commitMovement(failing(items, ['pot', 'employment', 'idempotency'], old).dynamo, deposit, withKey),
    ).toMatchObject({ kind: 'key_exists' });
    expect(await commitMovement(failing(items, ['pot', 'employment']).dynamo, deposit, withKey)).toEqual({
      kind: 'not_employed',
    });
  });

  it('answers `conflict` when only a transfer or nothing in particular failed', async () => {
    // Without a key, the movement record guards the transfer (a job's record written twice).
    const items = movementItems('ledger', deposit);
    expect(items[0]?.role).toBe('transfer');
    expect(await commitMovement(failing(items, ['transfer']).dynamo, deposit)).toEqual({ kind: 'conflict' });
    expect(await commitMovement(failing(items, []).dynamo, deposit, withKey)).toEqual({ kind: 'conflict' });
  });

  it('finds the failed item by its role when the same role sits at another position', async () => {
    // Without a movement record (no key, transfer or audit entry) and the employment check, the pot is first.
    const plain: Movement = { ...deposit, requireEmployment: undefined, transfers: [] };
    const items = movementItems('ledger', plain);
    expect(items[0]?.role).toBe('pot');

    expect(await commitMovement(failing(items, ['pot']).dynamo, plain)).toEqual({ kind: 'insufficient_funds' });
  });

  it('throws what is not a cancellation', async () => {
    const fake = fakeDynamo(() => {
      throw new Error('ProvisionedThroughputExceededException');
    });
    await expect(commitMovement(fake.dynamo, deposit)).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});

const payouts: Payout[] = ['po-1', 'po-2', 'po-3'].map((payoutId, index) => ({
  payoutId,
  providerId: 'opleidingen-noord',
  amountCents: 1_000 * (index + 1),
  claimIds: [`clm_${index}`],
  createdAt: `2026-05-2${index}T10:00:00.000Z`,
  providerName: 'Opleidingen Noord',
  iban: 'NL91ABNA0417164300',
}));

describe('translating a cancelled payout file', () => {
  const file = planPayoutFile('pf-1', payouts, '2026-05-25T10:00:00.000Z');

  it('answers `payouts_taken` naming the payouts whose condition failed', async () => {
    const items = payoutFileItems('ledger', file);
    const reasons = reasonsWhere(items, (item) => item.subject === 'po-2' || item.subject === 'po-3');
    const fake = fakeDynamo(() => {
      throw cancelled(reasons);
    });

    expect(await commitPayoutFile(fake.dynamo, file)).toEqual({ kind: 'payouts_taken', payoutIds: ['po-2', 'po-3'] });
  });

  it('answers `payouts_taken` with every payout when only the file record exists already', async () => {
    const items = payoutFileItems('ledger', file);
    expect(await commitPayoutFile(failing(items, ['payout-file']).dynamo, file)).toEqual({
      kind: 'payouts_taken',
      payoutIds: ['po-1', 'po-2', 'po-3'],
    });
  });

  it('answers `conflict` when no condition failed', async () => {
    const items = payoutFileItems('ledger', file);
    expect(await commitPayoutFile(failing(items, []).dynamo, file)).toEqual({ kind: 'conflict' });
  });
});

describe('translating a cancelled payout', () => {
  const [payout] = payouts;
  if (payout === undefined) throw new Error('test setup: no payout');
  const plan: PayoutPlan = {
    payout,
    claims: [],
    payableChanges: [{ providerId: payout.providerId, shard: 0, balanceDeltaCents: -payout.amountCents }],
  };

  it('answers `claim_changed` for an existing payout, `insufficient_funds` for a payable shard short', async () => {
    const items = payoutItems('ledger', plan);
    expect(items.map((item) => item.role)).toEqual(['payout', 'payable']);

    expect(await commitPayout(failing(items, ['payout', 'payable']).dynamo, plan)).toEqual({ kind: 'claim_changed' });
    expect(await commitPayout(failing(items, ['payable']).dynamo, plan)).toEqual({ kind: 'insufficient_funds' });
  });
});

describe('translating a cancelled scheme creation', () => {
  it('answers `exists` when the scheme exists, and throws when only a budget shard failed', async () => {
    const shards = [500, 500];
    const roles: ItemRole[] = ['scheme', 'total', 'total'];
    const answer = (failedIndexes: number[]) =>
      fakeDynamo(() => {
        throw cancelled(reasonsFailing(roles.length, failedIndexes));
      }).dynamo;

    expect(await createScheme(answer([0, 1]), stap, shards)).toBe('exists');
    await expect(createScheme(answer([2]), stap, shards)).rejects.toThrow('Transaction cancelled');
  });
});

/** A cancellation in which the items with these roles failed, written by hand rather than from the items sent. */
function cancellationOf(failures: readonly FailedItem[]): Cancellation {
  return new Cancellation(failures, cancelled([]));
}

describe('the translations, from hand-written failed roles', () => {
  const storedRecord = marshall(keptRecord({ b: 1 }));

  it('ranks the failures of a movement: key, people and claims, then money, and anything else is `conflict`', () => {
    // Each row fails its role and every role below it; the answer is the row's.
    const precedence: ReadonlyArray<readonly [ItemRole, string]> = [
      ['idempotency', 'conflict'],
      ['employment', 'not_employed'],
      ['employment-end', 'employment_changed'],
      ['claim', 'claim_changed'],
      ['provider', 'provider_not_active'],
      ['claim-counter', 'claim_limit_reached'],
      ['pot', 'insufficient_funds'],
      ['payable', 'insufficient_funds'],
      ['budget', 'budget_exceeded'],
      ['transfer', 'conflict'],
      ['total', 'conflict'],
      ['audit', 'conflict'],
    ];
    const roles = precedence.map(([role]) => role);
    const answers = roles.map(
      (_, index) => commitResultOf(cancellationOf(roles.slice(index).map((role) => ({ role })))).kind,
    );

    expect(answers).toEqual(precedence.map(([, kind]) => kind));
    // With the old record returned, a reused key outranks everything.
    const everything = roles.map(
      (role): FailedItem => (role === 'idempotency' ? { role, oldItem: storedRecord } : { role }),
    );
    expect(commitResultOf(cancellationOf(everything)).kind).toBe('key_exists');
    expect(commitResultOf(cancellationOf([{ role: 'idempotency', oldItem: storedRecord }]))).toEqual({
      kind: 'key_exists',
      record: { requestHash: 'hash-1', response: { statusCode: 201, body: { b: 1 } } },
    });
    expect(commitResultOf(cancellationOf([]))).toEqual({ kind: 'conflict' });
  });

  it('ranks the failures of a payout: the payout or a claim, then a payable shard', () => {
    expect(payoutResultOf(cancellationOf([{ role: 'payout' }, { role: 'payable' }]))).toEqual({
      kind: 'claim_changed',
    });
    expect(payoutResultOf(cancellationOf([{ role: 'claim' }, { role: 'payable' }]))).toEqual({ kind: 'claim_changed' });
    expect(payoutResultOf(cancellationOf([{ role: 'payable' }]))).toEqual({ kind: 'insufficient_funds' });
    expect(payoutResultOf(cancellationOf([{ role: 'audit' }]))).toEqual({ kind: 'conflict' });
  });

  it('names the payouts taken, or every payout when only the file record failed', () => {
    const all = ['po-1', 'po-2', 'po-3'];
    expect(
      payoutFileResultOf(
        cancellationOf([
          { role: 'payout-file' },
          { role: 'payout', subject: 'po-3' },
          { role: 'payout', subject: 'po-1' },
        ]),
        all,
      ),
    ).toEqual({ kind: 'payouts_taken', payoutIds: ['po-3', 'po-1'] });
    expect(payoutFileResultOf(cancellationOf([{ role: 'payout-file' }]), all)).toEqual({
      kind: 'payouts_taken',
      payoutIds: all,
    });
    expect(payoutFileResultOf(cancellationOf([]), all)).toEqual({ kind: 'conflict' });
  });
});
