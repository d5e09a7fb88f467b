import type * as z from 'zod/mini';
import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { courseLimitOf } from '../../shared/application/course-limit.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import {
  type Allocation,
  allocateChosen,
  allocationRequestFor,
  proposedAllocation,
} from '../../shared/ledger/allocation.ts';
import { checkApprovable, reservedCentsOf, toApproved } from '../../shared/ledger/claim.ts';
import type { CourseLimit } from '../../shared/ledger/course-use.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Pot } from '../../shared/ledger/pot.ts';
import { planReservation } from '../../shared/ledger/reservation.ts';
import type { AccountStore, ClaimStore, ProviderStore } from '../../shared/store/ledger-store.ts';
import type { approveClaimBody } from './schema.ts';

/** What approving needs: the claim, the citizen's own split if they chose one, and the request's key. */
export interface ApproveClaimInput {
  readonly claimId: string;
  /** Absent for the proposed split of `GET …/allocation`. */
  readonly parts?: NonNullable<z.output<typeof approveClaimBody>>['parts'];
  readonly idempotencyKey: string;
}

/**
 * The citizen approves a claim: the split (proposed or chosen) is held in their pots and the claim
 * becomes `approved`, in one transaction conditioned on the claim still awaiting approval. Whether
 * the claim may be approved is the claim's own transition (`toApproved`) to decide.
 */
export async function approveClaim(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore &
      Pick<ClaimStore, 'getClaim' | 'getCourseUse'> &
      Pick<AccountStore, 'listPots'> &
      Pick<ProviderStore, 'getCourse'>,
    'now'
  >,
  principal: Principal,
  input: ApproveClaimInput,
): Promise<Outcome<Reply>> {
  const personId = personIdOf(principal);
  const { store } = dependencies;
  const { claimId, parts } = input;
  return idempotentMovement({
    store,
    scope: `citizen:${personId}`,
    key: input.idempotencyKey,
    // No parts, whether the body was empty or `{}`, is one request: the proposed split.
    requestHash: requestHash('approve-claim', { claimId, parts }),
    audit: {
      actor: auditActorOf(principal),
      action: 'claim_approve',
      subject: { claimId, personId },
    },
    now: dependencies.now,
    plan: async (now) => {
      const loaded = await loadOwnClaim(store, principal, claimId);
      if (!loaded.ok) return loaded;
      const claim = loaded.value;
      // A claim that cannot be approved is refused as such before its pots are read, whatever the split.
      const approvable = checkApprovable(claim, now);
      if (!approvable.ok) return approvable;
      // What the person's other claims for this course hold and spent counts against its limits.
      const [pots, course] = await Promise.all([store.listPots(personId), courseLimitOf(store, claim)]);
      const allocation = allocationFor(claim, pots, dateOf(now), course, parts);
      if (!allocation.ok) return allocation;
      const approved = toApproved(claim, now, { allocation: allocation.value, coursePriceCents: course.priceCents });
      if (!approved.ok) return approved;
      return succeed({
        movement: planReservation(approved.value, allocation.value, pots, now.toISOString()),
        reply: { statusCode: 200, body: toClaimView(approved.value) },
        options: { claim: { claim: approved.value, expectedStatus: claim.status } },
        audit: {
          subject: { providerId: claim.providerId, courseId: claim.courseId },
          amountCents: reservedCentsOf(approved.value),
        },
      });
    },
  });
}

/** The proposed split of the claim over the pots today, or the citizen's own split, checked by the same rules. */
function allocationFor(
  claim: { readonly amountCents: number; readonly category: string },
  pots: readonly Pot[],
  today: string,
  course: CourseLimit,
  parts: ApproveClaimInput['parts'],
): Outcome<Allocation> {
  if (parts === undefined) {
    const proposed = proposedAllocation(claim, pots, today, course);
    if (proposed.parts.length === 0 && proposedAllocation(claim, pots, today).parts.length > 0) {
      // The pots could pay, but the person's other claims for this course took what its limits allow.
      return fail(
        'insufficient_funds',
        `Your other claims for this course already hold or spent ${course.used.totalCents} cents of your money. ` +
          'Over all claims for one course, your pots pay at most its price, ' +
          'and each scheme at most its maximum per course.',
      );
    }
    return succeed(proposed);
  }
  const choices = parts.map((part) => ({
    schemeId: part.schemeId,
    ...(part.funderId !== undefined && { funderId: part.funderId }),
    amountCents: part.amount,
  }));
  const chosen = allocateChosen(allocationRequestFor(claim, today, course), pots, choices);
  return chosen.ok ? succeed(chosen.allocation) : fail(chosen.code, chosen.detail);
}
