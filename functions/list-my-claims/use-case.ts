import { toClaimView } from '../../shared/api/claim-view.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import { noteFirstVisit } from '../../shared/application/first-visit.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { LedgerStore, PageRequest } from '../../shared/store/ledger-store.ts';

/**
 * The claims addressed to the citizen, newest first. Seeing them counts as a visit: the first one
 * is noted (a conditional write that only ever succeeds once), so later claims are not flagged as
 * made for someone who never logged in.
 */
export async function listMyClaims(store: LedgerStore, principal: Principal, page: PageRequest, now: Date): Promise<Outcome<Reply>> {
  const personId = personIdOf(principal);
  const [claims] = await Promise.all([store.listPersonClaims(personId, page), noteFirstVisit(store, personId, now)]);
  return succeed({
    statusCode: 200,
    body: { items: claims.items.map((claim) => toClaimView(claim)), ...(claims.nextCursor !== undefined && { nextCursor: claims.nextCursor }) },
  });
}
