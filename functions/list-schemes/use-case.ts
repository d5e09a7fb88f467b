import { toSchemeView } from '../../shared/api/scheme-view.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { LedgerStore, PageRequest } from '../../shared/store/ledger-store.ts';

/** One page of the caller's own schemes; a funder never sees another funder's. */
export async function listSchemes(store: LedgerStore, principal: Principal, page: PageRequest): Promise<Outcome<Reply>> {
  const result = await store.listSchemes(funderOf(principal).funderId, page);
  return succeed({
    statusCode: 200,
    body: { items: result.items.map(toSchemeView), ...(result.nextCursor !== undefined && { nextCursor: result.nextCursor }) },
  });
}
