import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import {
  assertPayoutBalanced,
  type PayableShard,
  planPayout,
  planPayoutFile,
  remittanceFor,
} from '../../../shared/ledger/payout.ts';
import type { Payout } from '../../../shared/ledger/provider.ts';
import { at, captured, noord } from './payout-fixtures.ts';

function shards(...balances: number[]): PayableShard[] {
  return balances.map((balanceCents, shard) => ({ shard, balanceCents }));
}

describe('planPayout', () => {
  const scenarios: Array<{
    scenario: string;
    claims: number[];
    shards: number[];
    takes: Array<[number, number]> | undefined;
  }> = [
    { scenario: 'one claim, one shard that holds it exactly', claims: [500], shards: [500], takes: [[0, -500]] },
    {
      scenario: 'two claims from the fullest shards first',
      claims: [300, 400],
      shards: [100, 600, 0, 200],
      takes: [
        [1, -600],
        [3, -100],
      ],
    },
    {
      scenario: 'shards holding more than the claims (other captures not yet paid) keep the rest',
      claims: [250],
      shards: [1_000, 1_000],
      takes: [[0, -250]],
    },
    {
      scenario: 'shards holding less than the claims: another payout got there first',
      claims: [300, 400],
      shards: [200, 100],
      takes: undefined,
    },
    { scenario: 'no shards at all', claims: [1], shards: [], takes: undefined },
  ];

  it.each(scenarios)('$scenario', ({ claims, shards: balances, takes }) => {
    const plan = planPayout({
      payoutId: 'po-1',
      provider: noord,
      claims: claims.map((cents, index) => captured(`clm_${index}`, cents)),
      payableShards: shards(...balances),
      at,
    });

    if (takes === undefined) {
      expect(plan).toBeUndefined();
      return;
    }
    expect(plan?.payableChanges.map((change) => [change.shard, change.balanceDeltaCents])).toEqual(takes);
    expect(plan?.payout.amountCents).toBe(claims.reduce((sum, cents) => sum + cents, 0));
    if (plan !== undefined) assertPayoutBalanced(plan);
  });

  it('marks every claim `paid` with the payout id, and records where the money goes', () => {
    const plan = planPayout({
      payoutId: 'po-1',
      provider: noord,
      claims: [captured('clm_a', 1_250), captured('clm_b', 4_000)],
      payableShards: shards(5_250),
      at,
    });

    expect(plan?.payout).toEqual({
      payoutId: 'po-1',
      providerId: 'noord',
      amountCents: 5_250,
      claimIds: ['clm_a', 'clm_b'],
      createdAt: at,
      providerName: 'Opleidingen Noord',
      iban: 'NL91ABNA0417164300',
    });
    expect(plan?.claims.map((claim) => [claim.claimId, claim.status, claim.payoutId, claim.updatedAt])).toEqual([
      ['clm_a', 'paid', 'po-1', at],
      ['clm_b', 'paid', 'po-1', at],
    ]);
  });

  it.each([
    { what: 'no claims', claims: [] as Claim[] },
    {
      what: `more than ${limits.claimsPerPayoutMax} claims`,
      claims: Array.from({ length: limits.claimsPerPayoutMax + 1 }, (_, index) => captured(`clm_${index}`, 1)),
    },
    { what: 'a claim that is not captured', claims: [captured('clm_a', 100, { status: 'approved' })] },
    { what: 'a claim of another provider', claims: [captured('clm_a', 100, { providerId: 'zuid' })] },
    { what: 'the same claim twice', claims: [captured('clm_a', 100), captured('clm_a', 100)] },
    { what: 'a claim that captured nothing', claims: [captured('clm_a', 0)] },
    { what: 'a fractional amount', claims: [captured('clm_a', 10.5)] },
  ])('crashes on $what: that is a bug in the caller, not an outcome', ({ claims }) => {
    expect(() =>
      planPayout({ payoutId: 'po-1', provider: noord, claims, payableShards: shards(1_000_000), at }),
    ).toThrow();
  });

  it('accepts exactly the largest payout one transaction can hold', () => {
    const claims = Array.from({ length: limits.claimsPerPayoutMax }, (_, index) => captured(`clm_${index}`, 1_000));
    const plan = planPayout({
      payoutId: 'po-1',
      provider: noord,
      claims,
      payableShards: shards(...Array.from({ length: limits.schemeTotalShards }, () => 8_000)),
      at,
    });

    // The payout record, every claim and every payable shard fit in DynamoDB's 100 items.
    expect(1 + (plan?.claims.length ?? 0) + (plan?.payableChanges.length ?? 0)).toBeLessThanOrEqual(100);
    expect(plan?.payout.amountCents).toBe(80_000);
  });
});

describe('remittanceFor', () => {
  it('names the payout and every claim when they fit in 140 characters', () => {
    expect(remittanceFor({ payoutId: 'po-0123456789abcdef01234567', claimIds: ['clm_a', 'clm_b'] })).toBe(
      'Leerrekening po-0123456789abcdef01234567 claims clm_a clm_b',
    );
  });

  it('names as many claims as fit and counts the rest', () => {
    const claimIds = Array.from({ length: 10 }, (_, index) => `clm_${'x'.repeat(23)}${index}`);
    const text = remittanceFor({ payoutId: 'po-0123456789abcdef01234567', claimIds });

    expect(text.length).toBeLessThanOrEqual(limits.remittanceLengthMax);
    expect(text).toMatch(/^Leerrekening po-0123456789abcdef01234567 claims clm_x+0 clm_x+1 \+8 more$/);
  });
});

describe('planPayoutFile', () => {
  const payout = (payoutId: string, amountCents: number, createdAt = at): Payout => ({
    payoutId,
    providerId: 'noord',
    amountCents,
    claimIds: ['clm_1'],
    createdAt,
    providerName: 'Opleidingen Noord',
    iban: 'NL91ABNA0417164300',
  });

  it('lists the payouts oldest first with a control sum in cents', () => {
    const file = planPayoutFile('pf-1', [payout('po-b', 2_500), payout('po-a', 1_001, '2026-05-20T02:00:00.000Z')], at);

    expect(file.entries.map((entry) => [entry.payoutId, entry.amountCents])).toEqual([
      ['po-a', 1_001],
      ['po-b', 2_500],
    ]);
    expect(file.controlSumCents).toBe(3_501);
    expect(file.entries[0]).toMatchObject({
      payoutCreatedAt: '2026-05-20T02:00:00.000Z',
      iban: 'NL91ABNA0417164300',
      remittance: 'Leerrekening po-a claims clm_1',
    });
  });

  it.each([
    { what: 'no payouts', payouts: [] as Payout[] },
    {
      what: `more than ${limits.payoutsPerFileMax} payouts`,
      payouts: Array.from({ length: limits.payoutsPerFileMax + 1 }, (_, index) => payout(`po-${index}`, 1)),
    },
    { what: 'a payout already in a file', payouts: [{ ...payout('po-1', 1), fileId: 'pf-0' }] },
  ])('crashes on $what', ({ payouts }) => {
    expect(() => planPayoutFile('pf-1', payouts, at)).toThrow();
  });
});
