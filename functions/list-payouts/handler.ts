import { providerIdOf } from '../../shared/auth/caller.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { succeed } from '../../shared/ledger/outcome.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listPayoutsQuery } from './schema.ts';

export const handler = apiHandler('list-payouts', { query: listPayoutsQuery }, async ({ principal, query }) => {
  const page = await storeFromEnvironment().listPayouts(providerIdOf(principal), query);
  const items = page.items.map((payout) => ({ payoutId: payout.payoutId, amount: payout.amountCents, claims: [...payout.claimIds], createdAt: payout.createdAt }));
  return succeed({ statusCode: 200, body: { items, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) } });
});
