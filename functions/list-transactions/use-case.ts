import type * as z from 'zod/mini';
import type { transactionView } from '../../shared/api/transaction-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Transfer } from '../../shared/ledger/transfer.ts';
import type { AccountStore } from '../../shared/store/ledger-store.ts';
import type { listTransactionsQuery } from './schema.ts';

/** One page of the citizen's own ledger entries, newest first. */
export async function listTransactions(
  dependencies: UseCaseDependencies<Pick<AccountStore, 'listTransfers'>>,
  principal: Principal,
  input: z.output<typeof listTransactionsQuery>,
): Promise<Outcome<Reply>> {
  const page = await dependencies.store.listTransfers(personIdOf(principal), input);
  return succeed(pageReply(page, toTransactionView));
}

/** A ledger entry as the citizen sees it: signed by what it did to their available money. */
function toTransactionView(transfer: Transfer): z.output<typeof transactionView> {
  return {
    id: transfer.transferId,
    at: transfer.at,
    type: transfer.type,
    amount: transfer.availableEffectCents,
    schemeId: transfer.schemeId,
    funderId: transfer.funderId,
    description: transfer.description,
    ...(transfer.claimId !== undefined && { claimId: transfer.claimId }),
  };
}
