/**
 * Ledger account ids. Every transfer debits one of these and credits another. Balances follow one
 * convention: balance = credits − debits, so a funder's scheme account goes negative by what it
 * has put into pots and the sum over all accounts is always zero.
 */

/** The funder side of a scheme: where deposits come from and where expired or revoked money returns. */
export function funderAccount(funderId: string, schemeId: string): string {
  return `funder:${funderId}:${schemeId}`;
}

/** A person's pot: one per scheme and expiry date. */
export function potAccount(personId: string, potId: string): string {
  return `pot:${personId}:${potId}`;
}

/** What is owed to a provider for captured claims, until a payout pays it. */
export function providerAccount(providerId: string): string {
  return `provider:${providerId}`;
}

/**
 * A deposit batch's account for one scheme: what the batch reserved from the funder and has not yet
 * paid into pots or given back (see `deposit-batch.ts`).
 */
export function batchAccount(batchId: string, schemeId: string): string {
  return `batch:${batchId}:${schemeId}`;
}

/** Whether an account is a deposit batch's (see {@link batchAccount}). */
export function isBatchAccount(account: string): boolean {
  return account.startsWith('batch:');
}

/** Money that has left the system to providers' banks. */
export const payoutClearingAccount = 'clearing:payouts';
