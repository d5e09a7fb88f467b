import type * as z from 'zod/mini';
import { toClaimView } from '../../shared/api/claim-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { noteFirstVisit } from '../../shared/application/first-visit.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { ClaimStore, ProfileStore } from '../../shared/store/ledger-store.ts';
import type { listMyClaimsQuery } from './schema.ts';

/** Which page of the citizen's claims. */
export type ListMyClaimsInput = z.output<typeof listMyClaimsQuery>;

/**
 * The claims addressed to the citizen, newest first. Seeing them counts as a visit: the first one
 * is noted (a conditional write that only ever succeeds once), so later claims are not flagged as
 * made for someone who never logged in.
 */
export async function listMyClaims(
  dependencies: UseCaseDependencies<
    Pick<ClaimStore, 'listPersonClaims'> & Pick<ProfileStore, 'recordFirstSeen'>,
    'now'
  >,
  principal: Principal,
  input: ListMyClaimsInput,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  const personId = personIdOf(principal);
  const [claims] = await Promise.all([
    store.listPersonClaims(personId, input),
    noteFirstVisit(store, personId, dependencies.now()),
  ]);
  return succeed(pageReply(claims, toClaimView));
}
