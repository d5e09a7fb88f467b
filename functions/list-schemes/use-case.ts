import type * as z from 'zod/mini';
import { toSchemeView } from '../../shared/api/scheme-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { SchemeStore } from '../../shared/store/ledger-store.ts';
import type { listSchemesQuery } from './schema.ts';

/** One page of the caller's own schemes; a funder never sees another funder's. */
export async function listSchemes(
  dependencies: UseCaseDependencies<Pick<SchemeStore, 'listSchemes'>>,
  principal: Principal,
  input: z.output<typeof listSchemesQuery>,
): Promise<Outcome<Reply>> {
  const page = await dependencies.store.listSchemes(funderOf(principal).funderId, input);
  return succeed(pageReply(page, toSchemeView));
}
