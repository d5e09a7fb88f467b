import type * as z from 'zod/mini';
import { toClaimView } from '../../shared/api/claim-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { ClaimStore } from '../../shared/store/ledger-store.ts';
import type { listClaimsQuery } from './schema.ts';

/** Which page of the provider's claims, optionally only those in one state. */
export type ListClaimsInput = z.output<typeof listClaimsQuery>;

/** The claims the provider made, newest first, one page at a time. */
export async function listClaims(
  dependencies: UseCaseDependencies<Pick<ClaimStore, 'listProviderClaims'>>,
  principal: Principal,
  input: ListClaimsInput,
): Promise<Outcome<Reply>> {
  const { status, ...page } = input;
  const claims = await dependencies.store.listProviderClaims(providerIdOf(principal), status, page);
  return succeed(pageReply(claims, toClaimView));
}
