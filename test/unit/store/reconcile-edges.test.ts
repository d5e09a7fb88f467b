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
