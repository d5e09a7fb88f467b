import { toClaimView } from '../../shared/api/claim-view.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { succeed } from '../../shared/ledger/outcome.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listClaimsQuery } from './schema.ts';

export const handler = apiHandler('list-claims', { query: listClaimsQuery }, async ({ principal, query }) => {
  const page = await storeFromEnvironment().listProviderClaims(providerIdOf(principal), query.status, query);
  return succeed({ statusCode: 200, body: { items: page.items.map(toClaimView), ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) } });
});
