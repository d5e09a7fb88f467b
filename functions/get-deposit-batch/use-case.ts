import { toRowErrorView } from '../../shared/api/deposit-batch-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { progressOf } from '../../shared/application/deposit-batches.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { decodeCursor, encodeCursor } from '../../shared/store/cursor.ts';
import { type DepositBatchStore, InvalidCursorError } from '../../shared/store/ledger-store.ts';

export interface GetDepositBatchInput {
  readonly batchId: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** The cursor of the refused rows: the last row shown, padded so it compares as text. */
const cursorPrefix = 'ROW#';

/**
 * A batch's progress, from the results of its chunks that are done, and a page of its refused rows.
 * Only the organisation that sent it may see it; for any other caller it does not exist.
 */
export async function getDepositBatch(
  dependencies: UseCaseDependencies<Pick<DepositBatchStore, 'getDepositBatch' | 'listDepositBatchResults'>>,
  principal: Principal,
  input: GetDepositBatchInput,
): Promise<Outcome<Reply>> {
  const batch = await dependencies.store.getDepositBatch(input.batchId);
  if (batch === undefined || principal.role === 'citizen' || batch.funderId !== principal.orgId) {
    return fail('unknown_batch', `You have no deposit batch ${input.batchId}. Check the batchId you were given.`);
  }
  const after = input.cursor === undefined ? 0 : rowOfCursor(input.cursor);
  const results = await dependencies.store.listDepositBatchResults(input.batchId);
  const progress = progressOf(results);
  const limit = Math.min(input.limit, limits.pageSizeMax);
  const errors = results
    .flatMap((result) => result.errors)
    .filter((error) => error.row > after)
    .sort((a, b) => a.row - b.row);
  const page = errors.slice(0, limit);
  const last = page.at(-1);
  return succeed({
    statusCode: 200,
    body: {
      batchId: batch.batchId,
      status: batch.status,
      total: batch.total,
      processed: progress.processed,
      succeeded: progress.succeeded,
      failed: progress.failed,
      amountSucceeded: progress.amountSucceededCents,
      errors: page.map(toRowErrorView),
      ...(errors.length > limit &&
        last !== undefined && { nextCursor: encodeCursor(`${cursorPrefix}${String(last.row).padStart(6, '0')}`) }),
    },
  });
}

function rowOfCursor(cursor: string): number {
  const row = Number(decodeCursor(cursor, cursorPrefix).slice(cursorPrefix.length));
  if (!Number.isSafeInteger(row) || row < 0) throw new InvalidCursorError();
  return row;
}
