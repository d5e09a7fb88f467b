import type * as z from 'zod';
import { auditActorOf, recordRefusal } from '../../shared/application/audit.ts';
import { personIdFor, type UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { employerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { isOngoing } from '../../shared/ledger/employment.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { planRevocation } from '../../shared/ledger/return-to-funder.ts';
import type { AccountStore, EmploymentStore } from '../../shared/store/ledger-store.ts';
import type { endEmploymentBody } from './schema.ts';

/** What an end-of-employment request carries: the validated body and the caller's Idempotency-Key. */
export type EndEmploymentInput = z.output<typeof endEmploymentBody> & { readonly idempotencyKey: string };

/**
 * Ends an employment and, in the same transaction, returns what is left in the employer's
 * revocable pots for that person. Each revocation's id is derived from the request, so a retry
 * can never return money twice.
 */
export async function endEmployment(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore & Pick<EmploymentStore, 'getEmployment'> & Pick<AccountStore, 'listPots'>,
    'now' | 'personIdSecret' | 'randomInt'
  >,
  principal: Principal,
  input: EndEmploymentInput,
): Promise<Outcome<Reply>> {
  const employerId = employerIdOf(principal);
  const actor = auditActorOf(principal);
  const personId = personIdFor(dependencies, input.bsn);
  if (!personId.ok) {
    const details = { subject: { funderId: employerId } };
    return recordRefusal(dependencies.store, actor, 'end_employment', dependencies.now(), details, personId);
  }
  const { idempotencyKey } = input;
  const scope = `employer:${employerId}`;
  const operationId = requestHash(scope, idempotencyKey).slice(0, 20);

  return idempotentMovement({
    store: dependencies.store,
    scope,
    key: idempotencyKey,
    requestHash: requestHash('end-employment', { personId: personId.value, endDate: input.endDate }),
    audit: {
      actor,
      action: 'end_employment',
      subject: { funderId: employerId, personId: personId.value },
    },
    now: dependencies.now,
    plan: async (now) => {
      const { store } = dependencies;
      const employment = await store.getEmployment(employerId, personId.value);
      if (!isOngoing(employment) || employment === undefined) {
        return fail('not_employed', 'You have no ongoing employment registered for this person.');
      }
      const today = dateOf(now);
      if (input.endDate > today) {
        return fail(
          'invalid_end_date',
          `endDate may not be after today (${today}). Register the end on or after the last working day.`,
        );
      }
      if (input.endDate < employment.startDate) {
        return fail(
          'invalid_end_date',
          `endDate may not be before the start of the employment (${employment.startDate}).`,
        );
      }
      const pots = await store.listPots(personId.value);
      const { movement, returnedCents } = planRevocation(
        pots,
        employerId,
        now.toISOString(),
        (pot) => `rev_${operationId}_${requestHash('pot', pot.potId).slice(0, 12)}`,
        dependencies.randomInt(limits.schemeTotalShards),
      );
      return succeed({
        movement,
        audit: { subject: {}, amountCents: returnedCents },
        reply: { statusCode: 200, body: { returned: returnedCents } },
        options: { endEmployment: { employerId, personId: personId.value, endDate: input.endDate } },
      });
    },
  });
}
