import type * as z from 'zod';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { allocate, type Allocation } from '../../shared/ledger/allocation.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { fail, succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { Pot } from '../../shared/ledger/pot.ts';
import type { LedgerStore } from '../../shared/store/ledger-store.ts';
import type { allocationView } from './schema.ts';

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

/** The split approving would make now; the same function the approval runs. */
export async function getAllocation(store: LedgerStore, principal: Principal, claimId: string, now: Date): Promise<Outcome<Reply>> {
  const claim = await loadOwnClaim(store, principal, claimId);
  if (!claim.ok) return claim;
  if (claim.value.status !== 'awaiting_approval') {
    return fail('claim_not_approvable', `This claim is ${claim.value.status.replace('_', ' ')}, so there is nothing to approve.`);
  }
  const pots = await store.listPots(claim.value.personId);
  const allocation = allocate({ amountCents: claim.value.amountCents, category: claim.value.category, today: dateOf(now) }, pots);
  return succeed({ statusCode: 200, body: toAllocationView(allocation, pots) });
}
