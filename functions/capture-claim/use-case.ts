import type * as z from 'zod/mini';
import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf } from '../../shared/application/audit.ts';
import { loadOwnClaim } from '../../shared/application/claims.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import { withReleasesOfEndedEmploymentsReturned } from '../../shared/application/release.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { toCaptured } from '../../shared/ledger/claim.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { planCapture } from '../../shared/ledger/reservation.ts';
import type { AccountStore, ClaimStore, EmploymentStore, ProviderStore } from '../../shared/store/ledger-store.ts';
import type { captureClaimBody } from './schema.ts';

/** What capturing needs: the claim, how much to take and on what evidence, and the request's key. */
export interface CaptureClaimInput extends z.output<typeof captureClaimBody> {
  readonly claimId: string;
  readonly idempotencyKey: string;
}

/**
 * The provider takes all or part of what an approved claim holds, on evidence of attendance or
 * completion; the rest is released in the same transaction (to the employer, from a revocable pot of
 * an employment that has ended). Racing with a cancel, exactly one
 * wins: both are conditioned on the claim still being `approved`. Whether the claim may be
 * captured is the claim's own transition (`toCaptured`) to decide.
 */
export async function captureClaim(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore &
      Pick<ClaimStore, 'getClaim'> &
      Pick<AccountStore, 'listPots'> &
      Pick<EmploymentStore, 'getEmployment'> &
      Pick<ProviderStore, 'getProvider'>,
    'now' | 'randomInt'
  >,
  principal: Principal,
  input: CaptureClaimInput,
): Promise<Outcome<Reply>> {
  const providerId = providerIdOf(principal);
  const { store } = dependencies;
  const { claimId, amount, evidence } = input;
  return idempotentMovement({
    store,
    scope: `provider:${providerId}`,
    key: input.idempotencyKey,
    requestHash: requestHash('capture-claim', { claimId, amount, evidence }),
    audit: {
      actor: auditActorOf(principal),
      action: 'claim_capture',
      subject: { claimId, providerId },
    },
    now: dependencies.now,
    plan: async (now) => {
      const [loaded, provider] = await Promise.all([
        loadOwnClaim(store, principal, claimId),
        store.getProvider(providerId),
      ]);
      if (!loaded.ok) return loaded;
      const claim = loaded.value;
      if (provider?.status !== 'active') {
        const detail = 'Your organisation is suspended as a training provider, so it cannot take money.';
        return fail('provider_not_active', detail);
      }
      const captured = toCaptured(claim, now, { amountCents: amount, evidence });
      if (!captured.ok) return captured;
      const pots = await store.listPots(claim.personId);
      const shard = dependencies.randomInt(limits.schemeTotalShards);
      const at = now.toISOString();
      const planned = planCapture(captured.value, amount, pots, at, shard);
      return succeed({
        movement: await withReleasesOfEndedEmploymentsReturned(store, planned, claim.personId, pots, at, shard),
        reply: { statusCode: 200, body: toClaimView(captured.value) },
        options: { claim: { claim: captured.value, expectedStatus: claim.status }, requireActiveProvider: providerId },
        audit: { subject: { personId: claim.personId, courseId: claim.courseId }, amountCents: amount },
      });
    },
  });
}
