import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { depositBatchView } from '../../shared/api/deposit-batch-view.ts';
import { pageQuery, withoutBsn } from '../../shared/api/fields.ts';

export const getDepositBatchPath = z.strictObject({
  batchId: withoutBsn(z.string().check(z.regex(/^bat_[A-Za-z0-9_-]{1,64}$/, 'This is not a batch id.'))).check(
    z.meta({
      description: 'The `batchId` POST /v1/deposit-batches answered with.',
      example: 'bat_QmF0Y2hFeGFtcGxlMDAwMDAx',
    }),
  ),
});

/** `limit` and `cursor` page through the batch's refused rows. */
export const getDepositBatchQuery = pageQuery;

export const contract: RouteContract = {
  tag: 'Deposits',
  summary: 'Progress and result of a deposit batch',
  description:
    'While the batch is `processing`, `processed` counts the rows paid or refused so far; once it is `done`, every ' +
    'row is one or the other. `errors` lists the refused rows in row order, with a stable `code` and a message ' +
    'that says how to fix the row; page through them with `limit` and `nextCursor`. Another organisation’s ' +
    'batch is 404, as if it did not exist.',
  path: getDepositBatchPath,
  query: getDepositBatchQuery,
  responses: { 200: depositBatchView },
  problems: ['unknown_batch'],
};
