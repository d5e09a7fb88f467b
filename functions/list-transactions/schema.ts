import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';
import { transactionView } from '../../shared/api/transaction-view.ts';

export const listTransactionsQuery = pageQuery;

export const contract: RouteContract = {
  summary: 'Your ledger entries, newest first',
  query: listTransactionsQuery,
  responses: { 200: pageOf(transactionView) },
};
