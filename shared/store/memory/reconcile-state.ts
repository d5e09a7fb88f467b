import { funderAccount, potAccount, providerAccount } from '../../ledger/accounts.ts';
import type { Reconciliation } from '../ledger-store.ts';
import { reconcileBalances } from '../reconcile.ts';
import type { MemoryState } from './state.ts';

/** Checks every stored balance against the ledger, by the rule all adapters share. */
export function reconcile(state: MemoryState): Reconciliation {
  const balances = new Map<string, number>();
  for (const pot of state.pots.values()) {
    balances.set(potAccount(pot.personId, pot.potId), pot.availableCents + pot.reservedCents);
  }
  for (const [key, shard] of state.totals) {
    const [funderId, schemeId] = key.split('#') as [string, string];
    const account = funderAccount(funderId, schemeId);
    balances.set(account, (balances.get(account) ?? 0) + shard.balanceCents);
  }
  for (const [key, balance] of state.payables) {
    const account = providerAccount(key.split('#')[0] as string);
    balances.set(account, (balances.get(account) ?? 0) + balance);
  }
  return reconcileBalances(balances, [...state.transfers.values()].flat(), [...state.payouts.values()]);
}
