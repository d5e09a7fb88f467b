import type * as z from 'zod/mini';
import { auditActorOf, recordRefusal } from '../../shared/application/audit.ts';
import { personIdFor, type UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { type IdempotentMovementStore, idempotentMovement } from '../../shared/application/idempotent-movement.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { requestHash } from '../../shared/application/request-hash.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { planDeposit } from '../../shared/ledger/deposit.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { EmploymentStore, SchemeStore } from '../../shared/store/ledger-store.ts';
import type { createDepositBody } from './schema.ts';

/** What a deposit request carries: the validated body and the caller's Idempotency-Key. */
export type CreateDepositInput = z.output<typeof createDepositBody> & { readonly idempotencyKey: string };

/**
 * Deposits money from one of the caller's schemes into a person's pot. The transfer id is derived
 * from the idempotency key, so even the id of a retried deposit is the same.
 */
export async function createDeposit(
  dependencies: UseCaseDependencies<
    IdempotentMovementStore &
      Pick<SchemeStore, 'getScheme' | 'getSchemeTotals'> &
      Pick<EmploymentStore, 'getEmployment'>,
    'now' | 'personIdSecret' | 'randomInt'
  >,
  principal: Principal,
  input: CreateDepositInput,
): Promise<Outcome<Reply>> {
  const funder = funderOf(principal);
  const actor = auditActorOf(principal);
  const subject = { funderId: funder.funderId, schemeId: input.schemeId };
  const personId = personIdFor(dependencies, input.bsn);
  if (!personId.ok) {
    const details = { subject, amountCents: input.amount };
    return recordRefusal(dependencies.store, actor, 'deposit', dependencies.now(), details, personId);
  }
  const scope = `${principal.role}:${funder.funderId}`;
  // The hash covers what was asked: not the key itself, and the person id in place of the BSN, which is never stored.
  const { bsn: _bsn, idempotencyKey, ...rest } = input;
  const hash = requestHash('deposit', { ...rest, personId: personId.value });

  return idempotentMovement({
    store: dependencies.store,
    scope,
    key: idempotencyKey,
    requestHash: hash,
    audit: { actor, action: 'deposit', subject: { ...subject, personId: personId.value } },
    now: dependencies.now,
    plan: async (now) => {
      const { store } = dependencies;
      const scheme = await store.getScheme(funder.funderId, input.schemeId);
      if (scheme === undefined) {
        const detail = `You have no scheme with id ${input.schemeId}. Create it first with POST /v1/schemes.`;
        return fail('unknown_scheme', detail);
      }
      const [shards, employment] = await Promise.all([
        scheme.budgetCents === undefined
          ? Promise.resolve([])
          : store.getSchemeTotals(funder.funderId, scheme.schemeId),
        funder.type === 'employer' ? store.getEmployment(funder.funderId, personId.value) : Promise.resolve(undefined),
      ]);
      const planned = planDeposit({
        transferId: `dep_${requestHash(scope, idempotencyKey).slice(0, 26)}`,
        scheme,
        personId: personId.value,
        amountCents: input.amount,
        ...(input.reference !== undefined && { reference: input.reference }),
        at: now.toISOString(),
        today: dateOf(now),
        shards,
        shardStart: dependencies.randomInt(limits.schemeTotalShards),
        ...(employment !== undefined && { employment }),
      });
      if (!planned.ok) return planned;
      const { transfer, movement } = planned.value;
      return succeed({
        movement,
        audit: { subject: {}, amountCents: transfer.amountCents },
        reply: {
          statusCode: 201,
          body: {
            depositId: transfer.transferId,
            schemeId: transfer.schemeId,
            amount: transfer.amountCents,
            at: transfer.at,
          },
        },
      });
    },
  });
}
