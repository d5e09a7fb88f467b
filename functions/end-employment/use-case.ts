import type * as z from 'zod/mini';
import { auditActorOf, auditRecord, recordRefusal } from '../../shared/application/audit.ts';
import { personIdFor, type UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { planEndOfEmployment } from '../../shared/application/end-employment.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { type Attempt, done, lost, type RetryOptions, retryWhileLost } from '../../shared/application/retry.ts';
import { employerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { AuditActor } from '../../shared/ledger/audit.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Pot } from '../../shared/ledger/pot.ts';
import { planRevocation } from '../../shared/ledger/return-to-funder.ts';
import type { AccountStore, CommitResult, EmploymentStore } from '../../shared/store/ledger-store.ts';
import type { endEmploymentBody } from './schema.ts';

/** What an end-of-employment request carries: the validated body and the caller's Idempotency-Key. */
export type EndEmploymentInput = z.output<typeof endEmploymentBody> & { readonly idempotencyKey: string };

/**
 * Pots one transaction returns: each is its pot item and at most one scheme total shard (its
 * revocation entry is in the movement record), next to the movement record and the employment:
 * 2 + 2 × 32 = 66 of DynamoDB's 100 items. Kept at 32 from when each entry was an item of its own.
 */
const revocationsPerTransactionMax = 32;

/**
 * Ends an employment and, in the same transaction, returns what is left in the employer's
 * revocable pots for that person. Each revocation's id is derived from the request, so a retry
 * can never return money twice.
 *
 * A person can hold more of the employer's revocable pots than one transaction can return (a
 * deposit a month into a scheme with an expiry opens a pot a month). The end then returns the
 * first {@link revocationsPerTransactionMax} with it, and the rest straight after, in transactions
 * written only while the employment is still ended ({@link returnRestAfterEnd}). `returned` counts
 * them all. A retry of the request (after a crash in between, say) replays the answer and returns
 * whatever is still left.
 */
export async function endEmployment(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore & Pick<EmploymentStore, 'getEmployment'> & Pick<AccountStore, 'listPots'>,
    'now' | 'personIdSecret' | 'randomInt'
  > &
    Pick<RetryOptions, 'wait'>,
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
  const transferIdFor = (pot: Pot) => `rev_${operationId}_${requestHash('pot', pot.potId).slice(0, 12)}`;
  // Whether the last plan left pots for later transactions; undefined while no plan ran (a replay).
  let leftForLater: boolean | undefined;

  const outcome = await idempotentMovement({
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
      const planned = await planEndOfEmployment(
        dependencies.store,
        { employerId, personId: personId.value, endDate: input.endDate },
        now,
        {
          transferIdFor,
          shard: dependencies.randomInt(limits.schemeTotalShards),
          potsMax: revocationsPerTransactionMax,
        },
      );
      if (!planned.ok) return planned;
      const revocation = planned.value;
      leftForLater = revocation.left.length > 0;
      return succeed({
        movement: revocation.movement,
        // The audit entry says what this transaction moved; those of the rest say theirs.
        audit: { subject: {}, amountCents: revocation.returnedCents },
        reply: { statusCode: 200, body: { returned: revocation.returnedCents + revocation.leftCents } },
        options: { endEmployment: { employerId, personId: personId.value, endDate: input.endDate } },
      });
    },
  });
  // All pots fit the end's transaction: nothing is left, and no read is needed to know it. A
  // replay cannot know what the first answer left, so it looks (and returns what a crash left).
  if (outcome.ok && leftForLater !== false) {
    await returnRestAfterEnd(
      dependencies,
      actor,
      { employerId, personId: personId.value, idempotencyKey },
      transferIdFor,
    );
  }
  return outcome;
}

/**
 * Returns what the end of an employment left in the employer's revocable pots because they did
 * not fit its transaction, {@link revocationsPerTransactionMax} pots at a time, each transaction
 * with the one retry loop ({@link retryWhileLost}). Each is written only while the employment is
 * still ended (a person hired again keeps what is left, as for a release: the rest stops there),
 * and only while each pot still holds what was read; the revocation ids are the end request's, so
 * a pot is never returned twice. Stops when nothing is left, or when one transaction lost
 * `limits.transactionAttemptsMax` races (a retry of the request goes on).
 */
async function returnRestAfterEnd(
  dependencies: UseCaseDependencies<IdempotentMovementStore & Pick<AccountStore, 'listPots'>, 'now' | 'randomInt'> &
    Pick<RetryOptions, 'wait'>,
  actor: AuditActor,
  request: { readonly employerId: string; readonly personId: string; readonly idempotencyKey: string },
  transferIdFor: (pot: Pot) => string,
): Promise<void> {
  const { store } = dependencies;
  const { employerId, personId, idempotencyKey } = request;
  const returnNextBatch = (): Promise<'more' | 'finished'> =>
    retryWhileLost(
      async (): Promise<Attempt<'more' | 'finished', CommitResult['kind']>> => {
        const now = dependencies.now();
        const { movement, returnedCents, left } = planRevocation(
          await store.listPots(personId),
          employerId,
          now.toISOString(),
          transferIdFor,
          dependencies.randomInt(limits.schemeTotalShards),
          revocationsPerTransactionMax,
        );
        if (movement.transfers.length === 0) return done('finished');
        const audit = auditRecord(actor, 'end_employment', now, {
          subject: {
            funderId: employerId,
            personId,
            idempotencyKey,
            transferIds: movement.transfers.map((transfer) => transfer.transferId),
          },
          amountCents: returnedCents,
        });
        const result = await store.commit(
          { ...movement, employmentsAsRead: [{ employerId, personId, ended: true }] },
          { audit },
        );
        switch (result.kind) {
          case 'committed':
            return done(left.length > 0 ? 'more' : 'finished');
          case 'employment_changed':
            // Hired again (or not ended at all): what is left stays with the person.
            return done('finished');
          default:
            return lost(result.kind);
        }
      },
      () => 'finished',
      { wait: dependencies.wait },
    );
  // Each batch written returned up to revocationsPerTransactionMax pots: the next takes the next ones.
  let batch = await returnNextBatch();
  while (batch === 'more') batch = await returnNextBatch();
}
