import { toOrganisationView } from '../../shared/api/organisation-view.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';

/**
 * The caller's organisation. The authorizer already read it from the client registry for this very
 * request (an unknown or disabled organisation never gets here), so no database read is needed.
 */
export async function getOrganisation(principal: Principal): Promise<Outcome<Reply>> {
  // The route admits business roles only (routes.ts); the shared chain answered anyone else already.
  if (principal.role === 'citizen') throw new Error('getOrganisation: a citizen reached a business route');
  return succeed({ statusCode: 200, body: toOrganisationView(principal) });
}
