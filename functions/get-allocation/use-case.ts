import { toAllocationView } from '../../shared/api/allocation-view.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { courseLimitOf } from '../../shared/application/course-limit.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { proposedAllocation } from '../../shared/ledger/allocation.ts';
import { checkApprovable } from '../../shared/ledger/claim.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { AccountStore, ClaimStore, ProviderStore } from '../../shared/store/ledger-store.ts';

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
  dependencies: UseCaseDependencies<
    Pick<ClaimStore, 'getClaim' | 'getCourseUse'> & Pick<AccountStore, 'listPots'> & Pick<ProviderStore, 'getCourse'>,
    'now'
  >,
  principal: Principal,
  input: GetAllocationInput,
): Promise<Outcome<Reply>> {
  const { store } = dependencies;
  const loaded = await loadOwnClaim(store, principal, input.claimId);
  if (!loaded.ok) return loaded;
  const now = dependencies.now();
  const claim = checkApprovable(loaded.value, now);
  if (!claim.ok) return claim;
  const [pots, course] = await Promise.all([store.listPots(claim.value.personId), courseLimitOf(store, claim.value)]);
  const allocation = proposedAllocation(claim.value, pots, dateOf(now), course);
  return succeed({ statusCode: 200, body: toAllocationView(allocation, pots) });
}
