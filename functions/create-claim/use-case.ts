import type * as z from 'zod/mini';
import { toClaimView } from '../../shared/api/claim-view.ts';
import { auditActorOf, recordRefusal } from '../../shared/application/audit.ts';
import {
  claimsPerCoursePerYearMaxOf,
  personIdFor,
  type UseCaseDependencies,
} from '../../shared/application/dependencies.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { providerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Claim, type ClaimFlag, checkClaimStartDate } from '../../shared/ledger/claim.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { noMovement } from '../../shared/ledger/transfer.ts';
import type { ClaimStore, ProfileStore, ProviderStore } from '../../shared/store/ledger-store.ts';
import type { createClaimBody } from './schema.ts';

const dayMilliseconds = 86_400_000;

/** What the provider claims (the body, BSN included), and the request's key. */
export interface CreateClaimInput extends z.output<typeof createClaimBody> {
  readonly idempotencyKey: string;
}

/**
 * Records a provider's claim for a person and one of its own courses. Nothing is reserved yet:
 * the citizen sees the claim and decides. The claim id derives from the Idempotency-Key, so a
 * retried request finds the same claim instead of making a second one.
 *
 * Abuse controls: a provider may claim a course at most `claimsPerCoursePerYearMax` times per
 * calendar year (UTC) — checked on a read first, then restated as the counter's condition in the
 * claim's own transaction, so concurrent claims cannot pass the cap — and never above the course's
 * price. A claim for a person who has never logged in is accepted but flagged.
 */
export async function createClaim(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore &
      Pick<ProviderStore, 'getProvider' | 'getCourse'> &
      Pick<ClaimStore, 'getClaimCount'> &
      Pick<ProfileStore, 'getPersonProfile'>,
    'now' | 'personIdSecret' | 'claimsPerCoursePerYearMax'
  >,
  principal: Principal,
  input: CreateClaimInput,
): Promise<Outcome<Reply>> {
  const { idempotencyKey, ...body } = input;
  const providerId = providerIdOf(principal);
  const actor = auditActorOf(principal);
  const subject = { providerId, courseId: body.courseId };
  const personId = personIdFor(dependencies, body.bsn);
  if (!personId.ok)
    return recordRefusal(
      dependencies.store,
      actor,
      'claim_create',
      dependencies.now(),
      { subject, amountCents: body.amount },
      personId,
    );
  const claimsMax = claimsPerCoursePerYearMaxOf(dependencies);
  const scope = `provider:${providerId}`;
  const { bsn: _bsn, ...rest } = body;

  return idempotentMovement({
    store: dependencies.store,
    scope,
    key: idempotencyKey,
    requestHash: requestHash('create-claim', { ...rest, personId: personId.value }),
    audit: { actor, action: 'claim_create', subject: { ...subject, personId: personId.value } },
    now: dependencies.now,
    plan: async (now) => {
      const year = now.toISOString().slice(0, 4);
      const [provider, course, claimsThisYear, profile] = await Promise.all([
        dependencies.store.getProvider(providerId),
        dependencies.store.getCourse(providerId, body.courseId),
        dependencies.store.getClaimCount(providerId, body.courseId, year),
        dependencies.store.getPersonProfile(personId.value),
      ]);
      if (provider?.status !== 'active') {
        return fail('provider_not_active', 'Your organisation is not an active training provider, so it cannot claim.');
      }
      if (course === undefined) {
        return fail(
          'unknown_course',
          `You have not published a course with id ${body.courseId}. Publish it first with POST /v1/courses.`,
        );
      }
      if (body.amount > course.priceCents) {
        return fail(
          'amount_exceeds_price',
          `The claim may be at most the course’s published price of ${course.priceCents} cents.`,
        );
      }
      const startDate = checkClaimStartDate(body.startDate, course, dateOf(now));
      if (!startDate.ok) return startDate;
      if (claimsThisYear >= claimsMax) {
        return fail(
          'claim_limit_reached',
          `You have made ${claimsThisYear} claims for course ${course.courseId} in ${year}, ` +
            `the most allowed per course per year (${claimsMax}). Claim again next year.`,
        );
      }
      const flags: ClaimFlag[] = profile === undefined ? ['person_never_logged_in'] : [];
      const claim: Claim = {
        claimId: `clm_${requestHash(scope, idempotencyKey).slice(0, 24)}`,
        providerId,
        providerName: provider.name,
        personId: personId.value,
        courseId: course.courseId,
        courseTitle: course.title,
        category: course.category,
        amountCents: body.amount,
        startDate: body.startDate,
        ...(body.reference !== undefined && { reference: body.reference }),
        status: 'awaiting_approval',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        approveBefore: new Date(now.getTime() + limits.approvalWindowDays * dayMilliseconds).toISOString(),
        ...(flags.length > 0 && { flags }),
      };
      return succeed({
        movement: noMovement,
        reply: { statusCode: 201, body: toClaimView(claim) },
        options: {
          claim: { claim },
          requireActiveProvider: providerId,
          claimCounter: { providerId, courseId: course.courseId, year, max: claimsMax },
        },
        audit: { subject: { claimId: claim.claimId }, amountCents: claim.amountCents, flags },
      });
    },
  });
}
