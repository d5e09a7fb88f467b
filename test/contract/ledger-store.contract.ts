import { describe } from 'vitest';
import { auditContract } from './ledger-store/audit.contract.ts';
import { claimCounterContract } from './ledger-store/claim-counter.contract.ts';
import { commitContract } from './ledger-store/commit.contract.ts';
import { commitEmploymentContract } from './ledger-store/commit-employment.contract.ts';
import { commitIdempotencyContract } from './ledger-store/commit-idempotency.contract.ts';
import { concurrencyContract } from './ledger-store/concurrency.contract.ts';
import { courseUseContract } from './ledger-store/course-use.contract.ts';
import { coursesContract } from './ledger-store/courses.contract.ts';
import { employmentContract } from './ledger-store/employment.contract.ts';
import type { StoreFactory } from './ledger-store/fixtures.ts';
import { payoutsContract } from './ledger-store/payouts.contract.ts';
import { potExpiryContract } from './ledger-store/pot-expiry.contract.ts';
import { profileContract } from './ledger-store/profile.contract.ts';
import { reconcileContract } from './ledger-store/reconcile.contract.ts';
import { schemesContract } from './ledger-store/schemes.contract.ts';
import { transfersContract } from './ledger-store/transfers.contract.ts';

/** The contract of each concern of the store, in the order the port declares them. */
const contracts: ReadonlyArray<(makeStore: StoreFactory) => void> = [
  schemesContract,
  employmentContract,
  commitContract,
  commitIdempotencyContract,
  commitEmploymentContract,
  transfersContract,
  reconcileContract,
  potExpiryContract,
  payoutsContract,
  concurrencyContract,
  auditContract,
  claimCounterContract,
  courseUseContract,
  coursesContract,
  profileContract,
];

/**
 * The behaviour every `LedgerStore` adapter must have, one concern per file under
 * `ledger-store/`. Each test gets a fresh, empty store from `makeStore`, so counts in
 * reconciliation are exact.
 */
export function describeLedgerStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`LedgerStore contract: ${name}`, () => {
    for (const contract of contracts) contract(makeStore);
  });
}
