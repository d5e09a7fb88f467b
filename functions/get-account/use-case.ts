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
 * The citizen's balance overview: one Query on their partition, which reads the pots and whether
 * the citizen's first visit was noted. It is the first thing the web app asks for after a login,
 * so a first visit is noted then (a conditional write that only ever succeeds once), which tells
 * claims for people who never logged in apart; a later visit writes nothing. The route has no
 * input, so the use case takes none.
 */
export async function getAccount(
  dependencies: UseCaseDependencies<Pick<AccountStore, 'readAccount'> & Pick<ProfileStore, 'recordFirstSeen'>, 'now'>,
  principal: Principal,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  const now = dependencies.now();
  const personId = personIdOf(principal);
  const { pots, firstSeenAt } = await store.readAccount(personId);
  if (firstSeenAt === undefined) await noteFirstVisit(store, personId, now);
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
