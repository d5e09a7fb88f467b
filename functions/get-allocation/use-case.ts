import type * as z from 'zod';
import type { allocationView } from '../../shared/api/allocation-view.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Allocation, allocate } from '../../shared/ledger/allocation.ts';
import { checkApprovable } from '../../shared/ledger/claim.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Pot } from '../../shared/ledger/pot.ts';
import type { AccountStore, ClaimStore } from '../../shared/store/ledger-store.ts';

/** An allocation as the citizen sees it: one line per scheme, with its label and funder. */
export function toAllocationView(allocation: Allocation, pots: readonly Pot[]): z.output<typeof allocationView> {
  const parts: Array<z.output<typeof allocationView>['parts'][number]> = [];
  for (const part of allocation.parts) {
    const existing = parts.find((candidate) => candidate.schemeId === part.schemeId);
    if (existing !== undefined) {
      existing.amount += part.amountCents;
      continue;
    }
    const pot = pots.find((candidate) => candidate.potId === part.potId);
    parts.push({
      schemeId: part.schemeId,
      amount: part.amountCents,
      label: pot?.label ?? part.schemeId,
      funder: { type: pot?.funder.type ?? 'public', name: pot?.funder.name ?? '' },
    });
  }
  return { parts, ownContribution: allocation.ownContributionCents };
}

/** Which claim's split the citizen asks for. */
export interface GetAllocationInput {
  readonly claimId: string;
}

/**
 * The split approving would make now; the same function the approval runs. A claim the citizen can
 * no longer approve (decided, or too old) answers `claim_not_approvable`, as approving would: the
 * claim's own check (`checkApprovable`) decides both.
 */
export async function getAllocation(
  dependencies: UseCaseDependencies<Pick<ClaimStore, 'getClaim'> & Pick<AccountStore, 'listPots'>, 'now'>,
  principal: Principal,
  input: GetAllocationInput,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  const loaded = await loadOwnClaim(store, principal, input.claimId);
  if (!loaded.ok) return loaded;
  const now = dependencies.now();
  const claim = checkApprovable(loaded.value, now);
  if (!claim.ok) return claim;
  const pots = await store.listPots(claim.value.personId);
  const allocation = allocate(
    { amountCents: claim.value.amountCents, category: claim.value.category, today: dateOf(now) },
    pots,
  );
  return succeed({ statusCode: 200, body: toAllocationView(allocation, pots) });
}
