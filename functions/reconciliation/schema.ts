import type { RouteContract } from '../../shared/api/contract.ts';
import { reconciliationView } from '../../shared/api/reconciliation-view.ts';

export const contract: RouteContract = {
  tag: 'Administration',
  summary: 'Check that the ledger balances',
  description:
    'Sums every ledger account and checks it against its entries: `balanced` is true and `sum` is 0 when the ' +
    'books are right; `mismatchedAccounts` lists any account whose balance differs from its entries.',
  responses: { 200: reconciliationView },
};
