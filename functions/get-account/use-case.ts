import type * as z from 'zod/mini';
import type { accountView } from '../../shared/api/account-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { noteFirstVisit } from '../../shared/application/first-visit.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { accountOverview } from '../../shared/ledger/overview.ts';
import type { AccountStore, ProfileStore } from '../../shared/store/ledger-store.ts';

/**
 * The citizen's balance overview: one Query on their partition. It is the first thing the web app
 * asks for after a login, so it also notes the citizen's first visit (a conditional write that
 * only ever succeeds once), which tells claims for people who never logged in apart. The route
 * has no input, so the use case takes none.
 */
export async function getAccount(
  dependencies: UseCaseDependencies<Pick<AccountStore, 'listPots'> & Pick<ProfileStore, 'recordFirstSeen'>, 'now'>,
  principal: Principal,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  const now = dependencies.now();
  const personId = personIdOf(principal);
  const [pots] = await Promise.all([store.listPots(personId), noteFirstVisit(store, personId, now)]);
  const overview = accountOverview(pots, dateOf(now));
  const body: z.output<typeof accountView> = {
    totals: { available: overview.availableCents, reserved: overview.reservedCents },
    pots: overview.pots.map((pot) => ({
      schemeId: pot.schemeId,
      funderId: pot.funder.funderId,
      label: pot.label,
      funder: { type: pot.funder.type, name: pot.funder.name },
      available: pot.availableCents,
      reserved: pot.reservedCents,
      ...(pot.expiresAt !== undefined && { expiresAt: pot.expiresAt }),
      expiringSoon: pot.expiringSoon,
    })),
  };
  return succeed({ statusCode: 200, body });
}
