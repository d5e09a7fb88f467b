import type { RouteContract } from '../../shared/api/contract.ts';
import { reconciliationView } from '../../shared/api/reconciliation-view.ts';

export const contract: RouteContract = {
  summary: 'Check that the ledger balances',
  responses: { 200: reconciliationView },
};
