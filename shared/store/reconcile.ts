import { isPosted, type Transfer } from '../ledger/transfer.ts';
import type { Reconciliation } from './ledger-store.ts';

/**
 * Checks stored balances against the ledger: the balances must sum to zero, and each account's
 * stored balance must equal its credits minus its debits. Shared by every adapter so they
 * reconcile by the same rule.
 */
export function reconcileBalances(
  storedBalances: ReadonlyMap<string, number>,
  transfers: ReadonlyArray<Pick<Transfer, 'type' | 'debitAccount' | 'creditAccount' | 'amountCents'>>,
): Reconciliation {
  const derived = new Map<string, number>();
  for (const transfer of transfers) {
    if (!isPosted(transfer.type)) continue;
    derived.set(transfer.creditAccount, (derived.get(transfer.creditAccount) ?? 0) + transfer.amountCents);
    derived.set(transfer.debitAccount, (derived.get(transfer.debitAccount) ?? 0) - transfer.amountCents);
  }
  let sum = 0;
  for (const balance of storedBalances.values()) sum += balance;
  const accounts = new Set([...storedBalances.keys(), ...derived.keys()]);
  const mismatchedAccounts = [...accounts].filter((account) => (storedBalances.get(account) ?? 0) !== (derived.get(account) ?? 0)).sort();
  return {
    balanced: sum === 0 && mismatchedAccounts.length === 0,
    accounts: accounts.size,
    transfers: transfers.length,
    sum,
    mismatchedAccounts,
  };
}
