import { describe, expect, it } from 'vitest';
import { limits } from '../../../shared/ledger/limits.ts';
import { planPayoutFile, remittanceFor } from '../../../shared/ledger/payout.ts';
import type { Payout } from '../../../shared/ledger/provider.ts';

const at = '2026-06-01T02:00:00.000Z';

const payout = (payoutId: string, createdAt: string, fileId?: string): Payout => ({
  payoutId,
  providerId: 'noord',
  amountCents: 1_000,
  claimIds: ['clm_1'],
  createdAt,
  providerName: 'Opleidingen Noord',
  iban: 'NL91ABNA0417164300',
  ...(fileId !== undefined && { fileId }),
});

describe('planPayoutFile: the order of a file and payouts already filed', () => {
  it('orders payouts made at the same instant by payout id, and an earlier one first whatever its id', () => {
    const earlier = '2026-05-31T02:00:00.000Z';
    const payouts = [payout('po-c', at), payout('po-z', earlier), payout('po-a', at), payout('po-b', at)];

    const file = planPayoutFile('pf-1', payouts, at);

    expect(file.entries.map((entry) => entry.payoutId)).toEqual(['po-z', 'po-a', 'po-b', 'po-c']);
  });

  it('refuses the whole file when only one of its payouts is already in another file', () => {
    const payouts = [payout('po-a', at), payout('po-b', at, 'pf-0'), payout('po-c', at)];

    expect(() => planPayoutFile('pf-1', payouts, at)).toThrow('planPayoutFile: a payout is already in a file');
  });

  it(`holds exactly ${limits.payoutsPerFileMax} payouts, and names the limit and the count beyond it`, () => {
    const many = (count: number) => Array.from({ length: count }, (_, index) => payout(`po-${index}`, at));

    expect(planPayoutFile('pf-1', many(limits.payoutsPerFileMax), at).entries).toHaveLength(limits.payoutsPerFileMax);
    expect(() => planPayoutFile('pf-1', many(limits.payoutsPerFileMax + 1), at)).toThrow(
      `planPayoutFile: a file holds 1 to ${limits.payoutsPerFileMax} payouts, got ${limits.payoutsPerFileMax + 1}`,
    );
  });
});

describe('remittanceFor at the edges of the 140 characters', () => {
  const head = 'Leerrekening po-1 claims';

  it('keeps a text of exactly 140 characters whole', () => {
    const claimId = 'c'.repeat(limits.remittanceLengthMax - head.length - 1);

    const text = remittanceFor({ payoutId: 'po-1', claimIds: [claimId] });

    expect(text).toBe(`${head} ${claimId}`);
    expect(text).toHaveLength(limits.remittanceLengthMax);
  });

  it('shows no claim id at all when not even one fits, with one space before the count', () => {
    const claimId = 'c'.repeat(limits.remittanceLengthMax - head.length);

    expect(remittanceFor({ payoutId: 'po-1', claimIds: [claimId, claimId, claimId] })).toBe(`${head} +3 more`);
  });

  it('is the payout id and "claims" alone when a payout lists no claim', () => {
    expect(remittanceFor({ payoutId: 'po-1', claimIds: [] })).toBe(head);
  });

  it('refuses a payout id too long for even the text without claim ids, and names the payout', () => {
    const payoutId = `po-${'x'.repeat(limits.remittanceLengthMax)}`;

    expect(() => remittanceFor({ payoutId, claimIds: [] })).toThrow(
      `remittanceFor: payout id ${payoutId} is too long for the remittance text`,
    );
  });
});
