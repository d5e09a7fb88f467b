import { describe, expect, it } from 'vitest';
import type { Pot } from '../../../shared/ledger/pot.ts';
import type { Provider } from '../../../shared/ledger/provider.ts';
import type { PotChange, Transfer } from '../../../shared/ledger/transfer.ts';
import { commitMovement } from '../../../shared/store/memory/movement.ts';
import { emptyState, type MemoryState, memoryKey } from '../../../shared/store/memory/state.ts';
import { anna, at, claim } from './claim-fixture.ts';

/**
 * The memory adapter's conditions at their edges: a claim id already taken, a provider that is not
 * active, a pot or payable shard left at exactly zero or below, a transfer id reused at another
 * time, and which pots the expiry work list holds after a change.
 */

const nothingMoves = { transfers: [], potChanges: [], totalChanges: [] };

const provider: Provider = {
  providerId: 'opleidingen-noord',
  name: 'Opleidingen Noord',
  kvk: '87654321',
  iban: 'NL91ABNA0417164300',
  status: 'active',
  updatedAt: at,
};

const expiringPot: Pot = {
  personId: anna,
  potId: 'ocw#stap#2027-01-01',
  schemeId: 'stap',
  label: 'STAP',
  funder: { funderId: 'ocw', type: 'public', name: 'Ministerie van OCW' },
  expiresAt: '2027-01-01',
  revocable: false,
  availableCents: 0,
  reservedCents: 0,
};
const { expiresAt: _expiresAt, ...withoutExpiry } = expiringPot;
const lastingPot: Pot = { ...withoutExpiry, potId: 'ocw#stap#never' };

const transfer: Transfer = {
  transferId: 'dep_1',
  type: 'deposit',
  at,
  amountCents: 100,
  debitAccount: 'funder:ocw:stap',
  creditAccount: `person:${anna}:ocw#stap#never`,
  personId: anna,
  potId: 'ocw#stap#never',
  schemeId: 'stap',
  funderId: 'ocw',
  availableEffectCents: 100,
  description: 'Storting STAP',
};

/** A state holding `pot` with what it holds; listed on the expiry work list only when `due`. */
function stateWithPot(pot: Pot, due: boolean): MemoryState {
  const state = emptyState();
  const key = memoryKey.pot(pot.personId, pot.potId);
  state.pots.set(key, pot);
  if (due) state.potsDue.add(key);
  return state;
}

function potChange(pot: Pot, availableDeltaCents: number, reservedDeltaCents: number): PotChange {
  const { availableCents: _available, reservedCents: _reserved, ...identity } = pot;
  return { pot: identity, availableDeltaCents, reservedDeltaCents };
}

describe('the memory adapter refusing a claim or provider that is not as required', () => {
  it('refuses a new claim whose id is taken, and writes one whose id is free', () => {
    const state = emptyState();
    state.claims.set(claim.claimId, { ...claim, status: 'approved' });

    expect(commitMovement(state, nothingMoves, { claim: { claim } })).toEqual({ kind: 'claim_changed' });
    expect(state.claims.get(claim.claimId)?.status).toBe('approved');

    const fresh = emptyState();
    expect(commitMovement(fresh, nothingMoves, { claim: { claim } })).toEqual({ kind: 'committed' });
    expect(fresh.claims.get(claim.claimId)).toEqual(claim);
  });

  it('refuses a claim for a suspended provider or one it does not know, and takes one for an active provider', () => {
    const state = emptyState();
    const options = { requireActiveProvider: provider.providerId, claim: { claim } };

    expect(commitMovement(state, nothingMoves, options)).toEqual({ kind: 'provider_not_active' });
    state.providers.set(provider.providerId, { ...provider, status: 'suspended' });
    expect(commitMovement(state, nothingMoves, options)).toEqual({ kind: 'provider_not_active' });
    expect(state.claims.size).toBe(0);

    state.providers.set(provider.providerId, provider);
    expect(commitMovement(state, nothingMoves, options)).toEqual({ kind: 'committed' });
    expect(state.claims.has(claim.claimId)).toBe(true);
  });
});

describe('the memory adapter at the edges of what a pot and a payable shard hold', () => {
  it('refuses to take more from what is reserved than the pot holds reserved, whatever is available', () => {
    const state = stateWithPot({ ...lastingPot, availableCents: 500, reservedCents: 100 }, false);
    const movement = { ...nothingMoves, potChanges: [potChange(lastingPot, 0, -101)] };

    expect(commitMovement(state, movement)).toEqual({ kind: 'insufficient_funds' });
    expect(state.pots.get(memoryKey.pot(anna, lastingPot.potId))?.reservedCents).toBe(100);
  });

  it('refuses to expire a pot that does not exist, even when there is nothing to take', () => {
    const state = emptyState();
    const expiry = { ...potChange(expiringPot, 0, 0), takesAllAvailable: true };

    expect(commitMovement(state, { ...nothingMoves, potChanges: [expiry] })).toEqual({ kind: 'insufficient_funds' });
    expect(state.pots.size).toBe(0);
  });

  it('pays a payable shard out down to exactly zero', () => {
    const state = emptyState();
    state.payables.set(memoryKey.payable('opleidingen-noord', 0), 100);
    const payout = {
      ...nothingMoves,
      payableChanges: [{ providerId: 'opleidingen-noord', shard: 0, balanceDeltaCents: -100 }],
    };

    expect(commitMovement(state, payout)).toEqual({ kind: 'committed' });
    expect(state.payables.get(memoryKey.payable('opleidingen-noord', 0))).toBe(0);
  });
});

describe('the memory adapter and a transfer id written before', () => {
  it('writes a transfer whose id was used at another time, as its key differs', () => {
    const state = emptyState();
    expect(commitMovement(state, { ...nothingMoves, transfers: [transfer] })).toEqual({ kind: 'committed' });
    const later = { ...transfer, at: '2026-05-21T10:00:00.000Z' };

    expect(commitMovement(state, { ...nothingMoves, transfers: [later] })).toEqual({ kind: 'committed' });
    expect(state.transfers.get(anna)?.map((written) => written.at)).toEqual([transfer.at, later.at]);
    expect(commitMovement(state, { ...nothingMoves, transfers: [later] })).toEqual({ kind: 'conflict' });
  });
});

describe('the expiry work list after a pot changes', () => {
  it('lists a pot whose money expires when money arrives in it', () => {
    const state = stateWithPot(expiringPot, false);

    commitMovement(state, { ...nothingMoves, potChanges: [potChange(expiringPot, 100, 0)] });
    expect([...state.potsDue]).toEqual([memoryKey.pot(anna, expiringPot.potId)]);
  });

  it('never lists a pot whose money does not expire, not even when money arrives in it', () => {
    const state = stateWithPot(lastingPot, false);

    expect(commitMovement(state, { ...nothingMoves, potChanges: [potChange(lastingPot, 100, 0)] })).toEqual({
      kind: 'committed',
    });
    expect([...state.potsDue]).toEqual([]);
  });

  it('leaves an unlisted expiring pot off the list when money is reserved from it or a reservation is captured', () => {
    const state = stateWithPot({ ...expiringPot, availableCents: 300, reservedCents: 200 }, false);

    expect(commitMovement(state, { ...nothingMoves, potChanges: [potChange(expiringPot, -100, 100)] })).toEqual({
      kind: 'committed',
    });
    expect(commitMovement(state, { ...nothingMoves, potChanges: [potChange(expiringPot, 0, -300)] })).toEqual({
      kind: 'committed',
    });
    expect([...state.potsDue]).toEqual([]);
  });
});
