import type * as z from 'zod/mini';
import type { payoutView } from '../../shared/api/payout-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { pageReply } from '../../shared/application/page.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Payout } from '../../shared/ledger/provider.ts';
import type { PayoutStore } from '../../shared/store/ledger-store.ts';
import type { listPayoutsQuery } from './schema.ts';

/** One page of the payouts made to the calling provider, newest first; a provider never sees another's. */
export async function listPayouts(
  dependencies: UseCaseDependencies<Pick<PayoutStore, 'listPayouts'>>,
  principal: Principal,
  input: z.output<typeof listPayoutsQuery>,
): Promise<Outcome<Reply>> {
  const page = await dependencies.store.listPayouts(providerIdOf(principal), input);
  return succeed(pageReply(page, toPayoutView));
}

/**
 * A payout as the provider sees it. The name and IBAN it was paid to, and the SEPA file it went
 * out in, stay inside: the provider knows its own registration, and the file is ours.
 */
function toPayoutView(payout: Payout): z.output<typeof payoutView> {
  return {
    payoutId: payout.payoutId,
    amount: payout.amountCents,
    claims: [...payout.claimIds],
    createdAt: payout.createdAt,
  };
}
