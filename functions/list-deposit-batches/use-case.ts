import { toDepositBatchSummaryView } from '../../shared/api/deposit-batch-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { DepositBatchStore, PageRequest } from '../../shared/store/ledger-store.ts';

/** The caller's own batches, newest first; the list is keyed by the caller's organisation, so it holds no other. */
export async function listDepositBatches(
  dependencies: UseCaseDependencies<Pick<DepositBatchStore, 'listDepositBatches'>>,
  principal: Principal,
  input: PageRequest,
): Promise<Outcome<Reply>> {
  const page = await dependencies.store.listDepositBatches(funderOf(principal).funderId, input);
  return succeed(pageReply(page, toDepositBatchSummaryView));
}
