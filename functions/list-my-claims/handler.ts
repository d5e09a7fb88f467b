import { toClaimView } from '../../shared/api/claim-view.ts';
import { personIdOf } from '../../shared/application/claims.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { succeed } from '../../shared/ledger/outcome.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listMyClaimsQuery } from './schema.ts';

export const handler = apiHandler('list-my-claims', { query: listMyClaimsQuery }, async ({ principal, query }) => {
  const page = await storeFromEnvironment().listPersonClaims(personIdOf(principal), query);
  return succeed({ statusCode: 200, body: { items: page.items.map(toClaimView), ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) } });
});
