import { describe, expect, it } from 'vitest';
import { planDeposit } from '../../../shared/ledger/deposit.ts';
import type { Scheme } from '../../../shared/ledger/scheme.ts';
import type { Movement, SchemeTotalChange } from '../../../shared/ledger/transfer.ts';
import { commitMovement } from '../../../shared/store/memory/movement.ts';
import { emptyState } from '../../../shared/store/memory/state.ts';

/**
 * The memory adapter refuses with the same answer as the DynamoDB adapter when several conditions
 * fail at once: a pot or payable shard short before the budget, a transfer already written last
 * (see `commitResultOf`, pinned in `cancellation.test.ts`).
 */

const stap: Scheme = {
  funder: { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' },
  schemeId: 'stap',
  label: 'STAP',
  expiry: { kind: 'never' },
  revocable: false,
  createdAt: '2026-01-05T09:00:00.000Z',
};
const at = '2026-05-20T10:00:00.000Z';

const [transfer] = (() => {
  const planned = planDeposit({
    transferId: 'dep_1',
    scheme: stap,
    personId: 'person-anna',
    amountCents: 100,
    at,
    today: '2026-05-20',
    shards: [],
    shardStart: 0,
  });
  if (!planned.ok) throw new Error(`test setup: the deposit was refused with ${planned.code}`);
  return planned.value.movement.transfers;
})();
if (transfer === undefined) throw new Error('test setup: no transfer');

/** Takes 100 from a budget shard that has none. */
const overBudget: SchemeTotalChange = {
  funderId: 'ocw',
  schemeId: 'stap',
  shard: 0,
  balanceDeltaCents: 0,
  depositedDeltaCents: 0,
  returnedDeltaCents: 0,
  expiredDeltaCents: 0,
  budgetRemainingDeltaCents: -100,
};

/** A state in which `transfer` was written already. */
function stateWithTransfer() {
  const state = emptyState();
  const written = commitMovement(state, { transfers: [transfer!], potChanges: [], totalChanges: [] });
  if (written.kind !== 'committed') throw new Error(`test setup: ${written.kind}`);
  return state;
}

describe('the memory adapter refusing a movement that fails several conditions', () => {
  it('answers `insufficient_funds` for a payable shard short, before the budget and a written transfer', () => {
    const movement: Movement = {
      transfers: [transfer],
      potChanges: [],
      totalChanges: [overBudget],
      payableChanges: [{ providerId: 'opleidingen-noord', shard: 0, balanceDeltaCents: -100 }],
    };
    expect(commitMovement(stateWithTransfer(), movement)).toEqual({ kind: 'insufficient_funds' });
  });

  it('answers `budget_exceeded` before a transfer already written', () => {
    const movement: Movement = { transfers: [transfer], potChanges: [], totalChanges: [overBudget] };
    expect(commitMovement(stateWithTransfer(), movement)).toEqual({ kind: 'budget_exceeded' });
  });

  it('answers `conflict` for a transfer already written when nothing else fails', () => {
    expect(commitMovement(stateWithTransfer(), { transfers: [transfer], potChanges: [], totalChanges: [] })).toEqual({
      kind: 'conflict',
    });
  });
});
