import type * as z from 'zod/mini';
import type { reconciliationView } from '../../shared/api/reconciliation-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { ReconciliationStore } from '../../shared/store/ledger-store.ts';

/**
 * Checks that the ledger balances: every account summed gives zero, and every stored balance
 * equals what its entries add up to. Only auditors reach this route and the check covers the
 * whole ledger, so the principal decides nothing; it is taken so that every use case reads alike.
 * The route has no input, so the use case takes none.
 */
export async function reconciliation(
  dependencies: UseCaseDependencies<ReconciliationStore>,
  _principal: Principal,
): Promise<Outcome<Reply>> {
  const result = await dependencies.store.reconcile();
  const body: z.output<typeof reconciliationView> = {
    balanced: result.balanced,
    accounts: result.accounts,
    transfers: result.transfers,
    sum: result.sum,
    mismatchedAccounts: [...result.mismatchedAccounts],
  };
  return succeed({ statusCode: 200, body });
}
