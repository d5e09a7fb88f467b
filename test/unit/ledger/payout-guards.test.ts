import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { assertPayoutBalanced, type PayoutPlan, planPayout } from '../../../shared/ledger/payout.ts';
import { at, captured, noord } from './payout-fixtures.ts';

// The guards of planPayout and assertPayoutBalanced crash on a caller's bug; the message is all the
// operator gets, so each test pins the message that names what was wrong.

function plan(claims: readonly Claim[], ...balances: number[]): PayoutPlan | undefined {
  return planPayout({
    payoutId: 'po-1',
    provider: noord,
    claims,
    payableShards: balances.map((balanceCents, shard) => ({ shard, balanceCents })),
    at,
  });
}

describe('planPayout refuses a caller’s bug with a message that names it', () => {
  it.each([
    { what: 'no claims', claims: [] as Claim[], count: 0 },
    {
      what: 'one claim more than a transaction holds',
      claims: Array.from({ length: limits.claimsPerPayoutMax + 1 }, (_, index) => captured(`clm_${index}`, 1)),
      count: limits.claimsPerPayoutMax + 1,
    },
  ])('names the allowed range and the count on $what', ({ claims, count }) => {
    expect(() => plan(claims, 1_000_000)).toThrow(
      `planPayout: a payout pays 1 to ${limits.claimsPerPayoutMax} claims, got ${count}`,
    );
  });

  it('says a claim is listed twice', () => {
    expect(() => plan([captured('clm_a', 100), captured('clm_a', 100)], 1_000)).toThrow(
      'planPayout: a claim is listed twice',
    );
  });

  it('names the claim that belongs to another provider', () => {
    expect(() => plan([captured('clm_a', 100), captured('clm_b', 100, { providerId: 'zuid' })], 1_000)).toThrow(
      'planPayout: claim clm_b belongs to another provider',
    );
  });

  it('names the claim whose captured amount is not whole cents', () => {
    expect(() => plan([captured('clm_a', 10.5)], 1_000)).toThrow(
      'capturedCents of clm_a must be a safe integer number of cents, got 10.5',
    );
  });

  it.each([0, -100])('names the claim that captured %d cents: nothing to pay', (cents) => {
    expect(() => plan([captured('clm_a', cents)], 1_000)).toThrow('planPayout: claim clm_a captured nothing');
  });

  it('names the claim that is not captured, with the reason the claim’s own transition gives', () => {
    expect(() => plan([captured('clm_a', 100), captured('clm_b', 100, { status: 'approved' })], 1_000)).toThrow(
      /^planPayout: claim clm_b: This claim is .+; only a captured claim can be paid\.$/,
    );
  });
});

describe('planPayout takes from the fullest shards, the lowest shard first among equals', () => {
  it('takes from shard 0 when three shards hold the same', () => {
    expect(plan([captured('clm_a', 300)], 300, 300, 300)?.payableChanges).toEqual([
      { providerId: 'noord', shard: 0, balanceDeltaCents: -300 },
    ]);
  });

  it('takes the full shards in shard order when the amount needs two of three equal shards', () => {
    expect(plan([captured('clm_a', 500)], 300, 300, 300)?.payableChanges).toEqual([
      { providerId: 'noord', shard: 0, balanceDeltaCents: -300 },
      { providerId: 'noord', shard: 1, balanceDeltaCents: -200 },
    ]);
  });
  it('takes the lowest shard among equals whatever order the shards were read in', () => {
    const readOrder = [2, 0, 1].map((shard) => ({ shard, balanceCents: 300 }));
    const outcome = planPayout({
      payoutId: 'po-1',
      provider: noord,
      claims: [captured('clm_a', 500)],
      payableShards: readOrder,
      at,
    });

    expect(outcome?.payableChanges.map((change) => [change.shard, change.balanceDeltaCents])).toEqual([
      [0, -300],
      [1, -200],
    ]);
  });
});

describe('assertPayoutBalanced', () => {
  const balanced = plan([captured('clm_a', 300), captured('clm_b', 200)], 400, 100) as PayoutPlan;

  it('lets a plan pass whose shards lose exactly what its claims captured', () => {
    expect(balanced.payableChanges.map((change) => change.balanceDeltaCents)).toEqual([-400, -100]);
    expect(() => assertPayoutBalanced(balanced)).not.toThrow();
  });

  it('crashes when the shards lose less than the payout pays, and says by how much', () => {
    const takesTooLittle = {
      ...balanced,
      payableChanges: [{ providerId: 'noord', shard: 0, balanceDeltaCents: -400 }],
    };

    expect(() => assertPayoutBalanced(takesTooLittle)).toThrow(
      'payout po-1 does not balance: pays 500, takes 400, claims 500',
    );
  });

  it('crashes when the paid claims captured more than the payout pays, though the shards balance', () => {
    const claimsTooMuch = { ...balanced, claims: [...balanced.claims, { ...balanced.claims[0], claimId: 'clm_c' }] };

    expect(() => assertPayoutBalanced(claimsTooMuch as PayoutPlan)).toThrow(
      'payout po-1 does not balance: pays 500, takes 500, claims 800',
    );
  });

  it('crashes when a change adds to a shard, even though the sum still balances', () => {
    const addsToOne = {
      ...balanced,
      payableChanges: [
        { providerId: 'noord', shard: 0, balanceDeltaCents: -600 },
        { providerId: 'noord', shard: 1, balanceDeltaCents: 100 },
      ],
    };

    expect(() => assertPayoutBalanced(addsToOne)).toThrow('payout po-1 adds to a payable shard');
  });

  it('crashes on a change that leaves its shard as it was: every written shard must lose money', () => {
    const idleChange = {
      ...balanced,
      payableChanges: [
        { providerId: 'noord', shard: 0, balanceDeltaCents: -500 },
        { providerId: 'noord', shard: 1, balanceDeltaCents: 0 },
      ],
    };

    expect(() => assertPayoutBalanced(idleChange)).toThrow('payout po-1 adds to a payable shard');
  });
});
