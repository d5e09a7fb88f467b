import type * as z from 'zod';
import type { Reply } from '../../shared/application/reply.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { LedgerStore, PageRequest } from '../../shared/store/ledger-store.ts';
import type { transactionView } from './schema.ts';

/** One page of the citizen's own ledger entries, newest first. */
export async function listTransactions(store: LedgerStore, principal: Principal, page: PageRequest): Promise<Outcome<Reply>> {
  const personId = personIdOf(principal);
  const result = await store.listTransfers(personId, page);
  const items: Array<z.output<typeof transactionView>> = result.items.map((transfer) => ({
    id: transfer.transferId,
    at: transfer.at,
    type: transfer.type,
    amount: transfer.availableEffectCents,
    schemeId: transfer.schemeId,
    description: transfer.description,
    ...(transfer.claimId !== undefined && { claimId: transfer.claimId }),
  }));
  return succeed({ statusCode: 200, body: { items, ...(result.nextCursor !== undefined && { nextCursor: result.nextCursor }) } });
}
