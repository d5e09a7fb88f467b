import { isBatchAccount, payoutClearingAccount, providerAccount } from '../ledger/accounts.ts';
import type { Payout } from '../ledger/provider.ts';
import { isPosted, type Transfer } from '../ledger/transfer.ts';
import type { Reconciliation } from './ledger-store.ts';

/**
 * Checks stored balances against the ledger: the balances must sum to zero, and each account's
 * stored balance must equal its credits minus its debits. Shared by every adapter so they
 * reconcile by the same rule.
 *
 * A payout is a posted transfer from the provider's payable account to the payout clearing
 * account. The clearing account has no balance item of its own: money in it has left for the
 * banks, and the payout records are its statement, so its stored balance is what they add up to.
 * The provider's side is checked for real: its payable shards must equal captures minus payouts.
 * A deposit batch's account works the same way (`batchLegs`: its reservations and settlement).
 */
/** One leg of money between two accounts that is kept in a record other than a transfer (a batch's). */
export interface LedgerLeg {
  readonly debitAccount: string;
  readonly creditAccount: string;
  readonly amountCents: number;
}

export function reconcileBalances(
  storedBalances: ReadonlyMap<string, number>,
  transfers: ReadonlyArray<Pick<Transfer, 'type' | 'debitAccount' | 'creditAccount' | 'amountCents'>>,
  payouts: ReadonlyArray<Pick<Payout, 'providerId' | 'amountCents'>> = [],
  batchLegs: readonly LedgerLeg[] = [],
  settledBatchAccounts: ReadonlySet<string> = new Set(),
): Reconciliation {
  const balances = new Map(storedBalances);
  const entries = transfers
    .filter((transfer) => isPosted(transfer.type))
    .map(({ debitAccount, creditAccount, amountCents }) => ({ debitAccount, creditAccount, amountCents }));
  for (const payout of payouts) {
    entries.push({
      debitAccount: providerAccount(payout.providerId),
      creditAccount: payoutClearingAccount,
      amountCents: payout.amountCents,
    });
    balances.set(payoutClearingAccount, (balances.get(payoutClearingAccount) ?? 0) + payout.amountCents);
  }
  entries.push(...batchLegs);
  const derived = new Map<string, number>();
  for (const entry of entries) {
    derived.set(entry.creditAccount, (derived.get(entry.creditAccount) ?? 0) + entry.amountCents);
    derived.set(entry.debitAccount, (derived.get(entry.debitAccount) ?? 0) - entry.amountCents);
  }
  // A batch's account has no balance item: its statement is its reservation, its rows' transfers and
  // its settlement, so its stored balance is what they add up to. The funder shards and the pots on
  // the other side are stored for real, so the sum still checks that rows paid what they took.
  for (const [account, balance] of derived) {
    if (isBatchAccount(account)) balances.set(account, balance);
  }
  let sum = 0;
  for (const balance of balances.values()) sum += balance;
  const accounts = new Set([...balances.keys(), ...derived.keys()]);
  // What a batch holds can never be below zero (rows paid more than it reserved), and once it has
  // settled it holds nothing: either would be money made or lost, so the account is not right.
  const batchAccountWrong = (account: string) => {
    const balance = derived.get(account) ?? 0;
    return isBatchAccount(account) && (balance < 0 || (settledBatchAccounts.has(account) && balance !== 0));
  };
  const mismatchedAccounts = [...accounts]
    .filter((account) => (balances.get(account) ?? 0) !== (derived.get(account) ?? 0) || batchAccountWrong(account))
    .sort();
  return {
    balanced: sum === 0 && mismatchedAccounts.length === 0,
    accounts: accounts.size,
    transfers: transfers.length + payouts.length,
    sum,
    mismatchedAccounts,
  };
}
