import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';
import { transactionView } from '../../shared/api/transaction-view.ts';

export const listTransactionsQuery = pageQuery;

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Your ledger entries, newest first',
  description:
    'Every ledger entry of your pots, newest first: deposits, reservations, captures, releases, expiries, ' +
    'revocations and refunds. `amount` is signed as it changes your available money.',
  query: listTransactionsQuery,
  responses: { 200: pageOf(transactionView) },
};
