import * as z from 'zod/mini';
import type { BatchRowError, DepositBatch } from '../ledger/deposit-batch.ts';
import { centsField, pageOf, timestampField } from './fields.ts';

/** The answer to an upload: the batch to follow and how many data rows it has. */
export const depositBatchAcceptedView = z
  .object({
    batchId: z.string(),
    total: z.number().check(z.int(), z.meta({ description: 'Data rows received (a CSV header is not counted).' })),
  })
  .check(z.meta({ id: 'DepositBatchAccepted' }));

const rowErrorView = z
  .object({
    row: z.number().check(z.int(), z.meta({ description: '1-based position among the data rows.' })),
    code: z.enum([
      'validation_failed',
      'unknown_person',
      'unknown_scheme',
      'scheme_expired',
      'not_employed',
      'budget_exceeded',
    ]),
    message: z.string().check(z.meta({ description: 'What is wrong and how to fix it; never names the person.' })),
  })
  .check(z.meta({ id: 'DepositBatchRowError' }));

const batchStatus = z.enum(['processing', 'done']);

/** A batch with its progress and, a page at a time, its refused rows. */
export const depositBatchView = z
  .object({
    batchId: z.string(),
    status: batchStatus,
    total: z.number().check(z.int()),
    processed: z.number().check(z.int(), z.meta({ description: 'Rows paid or refused so far.' })),
    succeeded: z.number().check(z.int()),
    failed: z.number().check(z.int()),
    amountSucceeded: centsField,
    errors: z.array(rowErrorView).check(z.meta({ description: 'Refused rows, by row; paginated with `nextCursor`.' })),
    nextCursor: z.optional(z.string()),
  })
  .check(z.meta({ id: 'DepositBatch' }));

/** A batch in the list of the organisation's batches. */
export const depositBatchSummaryView = z
  .object({
    batchId: z.string(),
    status: batchStatus,
    total: z.number().check(z.int()),
    createdAt: timestampField,
    succeeded: z.optional(z.number().check(z.int())).check(z.meta({ description: 'Set once the batch is done.' })),
    failed: z.optional(z.number().check(z.int())),
    amountSucceeded: z.optional(centsField),
  })
  .check(z.meta({ id: 'DepositBatchSummary' }));

export const depositBatchPage = pageOf(depositBatchSummaryView).check(z.meta({ id: 'DepositBatchPage' }));

export type DepositBatchRowErrorView = z.output<typeof rowErrorView>;

/** A batch as the list shows it. */
export function toDepositBatchSummaryView(batch: DepositBatch): z.output<typeof depositBatchSummaryView> {
  return {
    batchId: batch.batchId,
    status: batch.status,
    total: batch.total,
    createdAt: batch.createdAt,
    ...(batch.settlement !== undefined && {
      succeeded: batch.settlement.succeeded,
      failed: batch.settlement.failed,
      amountSucceeded: batch.settlement.amountSucceededCents,
    }),
  };
}

/** A refused row as the API shows it. */
export function toRowErrorView(error: BatchRowError): DepositBatchRowErrorView {
  return { row: error.row, code: error.code, message: error.message };
}
