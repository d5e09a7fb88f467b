import { describe, expect, it } from 'vitest';
import { payoutClearingAccount, providerAccount } from '../../../shared/ledger/accounts.ts';
import { reconcileBalances } from '../../../shared/store/reconcile.ts';

/** Reconciliation with payouts: each payout counts as a transfer, and its provider's side is checked. */

const funder = 'funder:ocw:stap';
const pot = 'person:person-anna:ocw#stap#never';
const provider = providerAccount('opleidingen-noord');

const transfers = [
  { type: 'deposit' as const, debitAccount: funder, creditAccount: pot, amountCents: 500 },
  { type: 'capture' as const, debitAccount: pot, creditAccount: provider, amountCents: 300 },
];
const payouts = [{ providerId: 'opleidingen-noord', amountCents: 200 }];

describe('reconciling with payouts', () => {
  it('counts every transfer and every payout, and balances when the payable is what was not paid out', () => {
    const stored = new Map([
      [funder, -500],
      [pot, 200],
      [provider, 100],
    ]);

    expect(reconcileBalances(stored, transfers, payouts)).toEqual({
      balanced: true,
      accounts: 4,
      transfers: 3,
      sum: 0,
      mismatchedAccounts: [],
    });
  });

  it('names the provider account when its payable was not lowered by a payout', () => {
    const stored = new Map([
      [funder, -500],
      [pot, 200],
      [provider, 300],
    ]);

    const reconciliation = reconcileBalances(stored, transfers, payouts);

    expect(reconciliation).toMatchObject({ balanced: false, transfers: 3, sum: 200 });
    expect(reconciliation.mismatchedAccounts).toEqual([provider]);
    expect(reconciliation.mismatchedAccounts).not.toContain(payoutClearingAccount);
  });
});

describe('reconcileBalances with deposit batches', () => {
  const funder = 'funder:ocw:grant';
  const batch = 'batch:bat_x:grant';
  const pot = 'pot:p1:ocw#grant#never';
  const reserve = { debitAccount: funder, creditAccount: batch, amountCents: 300 };
  const row = (amountCents: number) => ({
    type: 'deposit' as const,
    debitAccount: batch,
    creditAccount: pot,
    amountCents,
  });

  it('derives the batch account from its legs and rows, so a batch in progress balances', () => {
    const result = reconcileBalances(
      new Map([
        [funder, -300],
        [pot, 100],
      ]),
      [row(100)],
      [],
      [reserve],
    );
    expect(result).toMatchObject({ balanced: true, sum: 0, mismatchedAccounts: [] });
  });

  it('flags a batch account below zero: rows paid more than the batch reserved', () => {
    const result = reconcileBalances(
      new Map([
        [funder, -300],
        [pot, 400],
      ]),
      [row(400)],
      [],
      [reserve],
    );
    expect(result.sum).toBe(0);
    expect(result).toMatchObject({ balanced: false, mismatchedAccounts: [batch] });
  });

  it('flags a settled batch that still holds money', () => {
    const result = reconcileBalances(
      new Map([
        [funder, -300],
        [pot, 100],
      ]),
      [row(100)],
      [],
      [reserve],
      new Set([batch]),
    );
    expect(result).toMatchObject({ balanced: false, mismatchedAccounts: [batch] });
    const settled = reconcileBalances(
      new Map([
        [funder, -100],
        [pot, 100],
      ]),
      [row(100)],
      [],
      [reserve, { debitAccount: batch, creditAccount: funder, amountCents: 200 }],
      new Set([batch]),
    );
    expect(settled).toMatchObject({ balanced: true, mismatchedAccounts: [] });
  });
});
