import {
  type AcceptBatchInput,
  acceptDepositBatch,
  type BatchDependencies,
} from '../../shared/application/deposit-batches.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { RawBody } from '../../shared/http/request.ts';
import type { Outcome } from '../../shared/ledger/outcome.ts';
import { readBatchBody } from './parse.ts';

/**
 * Accepts a deposit batch sent as JSON or CSV: the upload is read and each row checked here, the
 * batch is stored and queued by `acceptDepositBatch`, and the caller gets 202 with where to follow it.
 */
export function createDepositBatch(
  dependencies: Parameters<typeof acceptDepositBatch>[0] & BatchDependencies,
  principal: Principal,
  input: { readonly body: RawBody; readonly idempotencyKey: string },
): Promise<Outcome<Reply>> {
  const request: AcceptBatchInput = {
    rows: readBatchBody(input.body),
    content: `${input.body.contentType ?? ''}\n${input.body.text}`,
    idempotencyKey: input.idempotencyKey,
  };
  return acceptDepositBatch(dependencies, principal, request);
}
