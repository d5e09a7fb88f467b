import type * as z from 'zod';
import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { personIdOf } from '../../shared/auth/caller.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import { idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { allocate, allocateChosen } from '../../shared/ledger/allocation.ts';
import { reservedCentsOf, type Claim } from '../../shared/ledger/claim.ts';
import { addDays, dateOf } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import { planReservation } from '../../shared/ledger/reservation.ts';
import type { approveClaimBody } from './schema.ts';

/**
 * The citizen approves a claim: the split (default or chosen) is held in their pots and the claim
 * becomes `approved`, in one transaction conditioned on the claim still awaiting approval.
 */
export async function approveClaim(
  dependencies: Dependencies,
  principal: Principal,
  claimId: string,
  body: z.output<typeof approveClaimBody>,
  idempotencyKey: string,
): Promise<Outcome<Reply>> {
  const personId = personIdOf(principal);
  const { store } = dependencies;
  return idempotentMovement({
    store,
    scope: `citizen:${personId}`,
    key: idempotencyKey,
    requestHash: requestHash('approve-claim', { claimId, parts: body?.parts }),
    audit: { actor: auditActorOf(principal), action: 'claim_approve', subject: { claimId, personId }, now: dependencies.now },
    plan: async () => {
      const loaded = await loadOwnClaim(store, principal, claimId);
      if (!loaded.ok) return loaded;
      const claim = loaded.value;
      const now = dependencies.now();
      if (claim.status !== 'awaiting_approval' || claim.approveBefore <= now.toISOString()) {
        return fail('claim_not_approvable', `This claim is ${claim.status === 'awaiting_approval' ? 'too old' : claim.status.replace('_', ' ')}; it can no longer be approved.`);
      }
      const today = dateOf(now);
      const pots = await store.listPots(personId);
      const request = { amountCents: claim.amountCents, category: claim.category, today };
      let allocation;
      if (body?.parts === undefined) {
        allocation = allocate(request, pots);
      } else {
        const chosen = allocateChosen(request, pots, body.parts.map((part) => ({ schemeId: part.schemeId, amountCents: part.amount })));
        if (!chosen.ok) return fail(chosen.code, chosen.detail);
        allocation = chosen.allocation;
      }
      if (allocation.parts.length === 0) {
        return fail('insufficient_funds', 'None of your money can pay for this course right now.');
      }
      const approved: Claim = {
        ...claim,
        status: 'approved',
        updatedAt: now.toISOString(),
        parts: allocation.parts,
        ownContributionCents: allocation.ownContributionCents,
        captureBefore: `${addDays(claim.startDate > today ? claim.startDate : today, limits.captureWindowDays)}T23:59:59.999Z`,
      };
      return succeed({
        movement: planReservation(approved, allocation, pots, now.toISOString()),
        reply: { statusCode: 200, body: toClaimView(approved) },
        options: { claim: { claim: approved, expectedStatus: 'awaiting_approval' } },
        audit: { subject: { providerId: claim.providerId, courseId: claim.courseId }, amountCents: reservedCentsOf(approved) },
      });
    },
  });
}
