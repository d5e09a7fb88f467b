import { describe, expect, it } from 'vitest';
import {
  assertBalanced,
  assertTouchesEachItemOnce,
  type Movement,
  noMovement,
  type Transfer,
} from '../../../shared/ledger/transfer.ts';

const transfer = (overrides: Partial<Transfer>): Transfer => ({
  transferId: 'tr-1',
  type: 'deposit',
  at: '2026-05-21T09:00:00.000Z',
  amountCents: 10_000,
  debitAccount: 'funder:oa-techniek:lassen',
  creditAccount: 'pot:person-1:pot-1',
  personId: 'person-1',
  potId: 'pot-1',
  schemeId: 'lassen',
  funderId: 'oa-techniek',
  availableEffectCents: 10_000,
  description: 'Storting Lasopleidingen',
  ...overrides,
});

const withTransfers = (...transfers: Transfer[]): Movement => ({ ...noMovement, transfers });

describe('assertBalanced: every transfer', () => {
  it('lets a positive transfer between two accounts pass', () => {
    expect(() => assertBalanced(withTransfers(transfer({})))).not.toThrow();
  });

  it.each([0, -500])('crashes on an amount of %d cents, naming the transfer', (amountCents) => {
    expect(() => assertBalanced(withTransfers(transfer({}), transfer({ transferId: 'tr-2', amountCents })))).toThrow(
      `transfer tr-2 has a non-positive amount ${amountCents}`,
    );
  });

  it('crashes on a fractional amount: money is never a float', () => {
    expect(() => assertBalanced(withTransfers(transfer({ amountCents: 10.5 })))).toThrow(
      'transfer tr-1 has a non-positive amount 10.5',
    );
  });

  it('crashes on a transfer from an account to itself', () => {
    const toItself = transfer({ transferId: 'tr-2', creditAccount: 'funder:oa-techniek:lassen' });

    expect(() => assertBalanced(withTransfers(transfer({}), toItself))).toThrow('transfer tr-2 moves money to itself');
  });
});

describe('assertTouchesEachItemOnce: payable shards', () => {
  it('lets changes to two shards of one provider pass', () => {
    const movement: Movement = {
      ...noMovement,
      payableChanges: [
        { providerId: 'noord', shard: 0, balanceDeltaCents: -300 },
        { providerId: 'noord', shard: 1, balanceDeltaCents: -200 },
      ],
    };

    expect(() => assertTouchesEachItemOnce(movement)).not.toThrow();
  });

  it('crashes on two changes to one shard, naming it', () => {
    const movement: Movement = {
      ...noMovement,
      payableChanges: [
        { providerId: 'noord', shard: 1, balanceDeltaCents: -300 },
        { providerId: 'noord', shard: 1, balanceDeltaCents: -200 },
      ],
    };

    expect(() => assertTouchesEachItemOnce(movement)).toThrow('movement changes payable noord 1 more than once');
  });
});
