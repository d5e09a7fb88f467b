import type * as z from 'zod';
import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import { idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { reservedCentsOf, type Claim } from '../../shared/ledger/claim.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import { planCapture } from '../../shared/ledger/reservation.ts';
import type { captureClaimBody } from './schema.ts';

/**
 * The provider takes all or part of what an approved claim holds, on evidence of attendance or
 * completion; the rest is released in the same transaction. Racing with a cancel, exactly one
 * wins: both are conditioned on the claim still being `approved`.
 */
export async function captureClaim(
  dependencies: Dependencies,
  principal: Principal,
  claimId: string,
  body: z.output<typeof captureClaimBody>,
  idempotencyKey: string,
): Promise<Outcome<Reply>> {
  const providerId = providerIdOf(principal);
  const { store } = dependencies;
  return idempotentMovement({
    store,
    scope: `provider:${providerId}`,
    key: idempotencyKey,
    requestHash: requestHash('capture-claim', { claimId, ...body }),
    audit: { actor: auditActorOf(principal), action: 'claim_capture', subject: { claimId, providerId }, now: dependencies.now },
    plan: async () => {
      const [loaded, provider] = await Promise.all([loadOwnClaim(store, principal, claimId), store.getProvider(providerId)]);
      if (!loaded.ok) return loaded;
      const claim = loaded.value;
      if (provider?.status !== 'active') return fail('provider_not_active', 'Your organisation is suspended as a training provider, so it cannot take money.');
      if (claim.status !== 'approved') {
        return fail('invalid_claim_state', `This claim is ${claim.status.replace('_', ' ')}; only an approved claim can be captured.`);
      }
      const held = reservedCentsOf(claim);
      if (body.amount > held) return fail('amount_exceeds_reserved', `At most ${held} cents is held for this claim.`);
      const now = dependencies.now();
      const today = dateOf(now);
      if (body.evidence.date > today || body.evidence.date < claim.startDate) {
        return fail('invalid_evidence', `The evidence date must lie between the course start (${claim.startDate}) and today (${today}).`);
      }
      const captured: Claim = { ...claim, status: 'captured', updatedAt: now.toISOString(), capturedCents: body.amount, evidence: body.evidence };
      const pots = await store.listPots(claim.personId);
      return succeed({
        movement: planCapture(captured, body.amount, pots, now.toISOString(), dependencies.randomInt(limits.schemeTotalShards)),
        reply: { statusCode: 200, body: toClaimView(captured) },
        options: { claim: { claim: captured, expectedStatus: 'approved' }, requireActiveProvider: providerId },
        audit: { subject: { personId: claim.personId, courseId: claim.courseId }, amountCents: body.amount },
      });
    },
  });
}
