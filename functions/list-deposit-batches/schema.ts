import type { RouteContract } from '../../shared/api/contract.ts';
import { depositBatchPage } from '../../shared/api/deposit-batch-view.ts';
import { pageQuery } from '../../shared/api/fields.ts';

export const listDepositBatchesQuery = pageQuery;

export const contract: RouteContract = {
  tag: 'Deposits',
  summary: 'Your deposit batches, newest first',
  description:
    'The batches your organisation sent, newest first, each with its status and, once done, what it paid. ' +
    'Page on with `nextCursor`.',
  query: listDepositBatchesQuery,
  responses: { 200: depositBatchPage },
};
