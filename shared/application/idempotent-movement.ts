import { limits } from '../ledger/limits.ts';
import { fail, succeed, type Failure, type Outcome } from '../ledger/outcome.ts';
import { assertBalanced, assertTouchesEachItemOnce, type Movement } from '../ledger/transfer.ts';
import type { Reply } from './reply.ts';
import type { CommitOptions, CommitResult, IdempotencyRecord, LedgerStore } from '../store/ledger-store.ts';

/** One attempt's decision: what to write and what to answer once it is written. */
export interface MovementPlan {
  readonly movement: Movement;
  readonly reply: Reply;
  readonly options?: Omit<CommitOptions, 'idempotency'>;
}

export interface IdempotentMovementRequest {
  readonly store: LedgerStore;
  /** Who chose the key (the client id or person id); keys never collide across callers. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  /** Reads what it needs and plans the movement. Called again after a lost race, with fresh reads. */
  readonly plan: () => Promise<Outcome<MovementPlan>>;
}

/**
 * Runs a money movement exactly once per idempotency key. The idempotency record is written in the
 * same transaction as the money, so there is no window in which money moved but the key is free.
 * A retry with the same request gets the first answer again, status included; the same key with
 * another request gets `idempotency_key_reused`. When a condition fails because another request
 * won a race, the plan is made again from fresh reads, a bounded number of times.
 *
 * Only successful answers are stored: a refused request moved nothing, so retrying it after fixing
 * the cause (registering the employment, say) should be judged anew.
 */
export async function idempotentMovement(request: IdempotentMovementRequest): Promise<Outcome<Reply>> {
  const existing = await request.store.getIdempotencyRecord(request.scope, request.key);
  if (existing !== undefined) return replay(existing, request.requestHash);

  let lastLoss: CommitResult['kind'] = 'conflict';
  for (let attempt = 1; attempt <= limits.transactionAttemptsMax; attempt += 1) {
    const planned = await request.plan();
    if (!planned.ok) return planned;
    const { movement, reply, options } = planned.value;
    assertBalanced(movement);
    assertTouchesEachItemOnce(movement);
    const result = await request.store.commit(movement, {
      ...options,
      idempotency: { scope: request.scope, key: request.key, requestHash: request.requestHash, response: reply },
    });
    switch (result.kind) {
      case 'committed':
        return succeed(reply);
      case 'key_exists':
        return replay(result.record, request.requestHash);
      case 'conflict': {
        // The key may have been taken by a concurrent twin of this request: look before re-planning.
        const record = await request.store.getIdempotencyRecord(request.scope, request.key);
        if (record !== undefined) return replay(record, request.requestHash);
        lastLoss = result.kind;
        await pause(attempt);
        break;
      }
      case 'insufficient_funds':
      case 'budget_exceeded':
      case 'not_employed':
      case 'employment_changed':
      case 'claim_changed':
      case 'provider_not_active':
        lastLoss = result.kind;
        await pause(attempt);
        break;
    }
  }
  return lostRace(lastLoss);
}

function replay(record: IdempotencyRecord, requestHash: string): Outcome<Reply> {
  if (record.requestHash !== requestHash) {
    return fail('idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
  }
  return succeed(record.response as Reply);
}

function lostRace(kind: CommitResult['kind']): Failure {
  switch (kind) {
    case 'insufficient_funds':
      return fail('insufficient_funds', 'There is not enough money available for this.');
    case 'budget_exceeded':
      return fail('budget_exceeded', 'This deposit would exceed the scheme budget.');
    case 'not_employed':
    case 'employment_changed':
      return fail('not_employed', 'The employment changed while this request ran. Check it and try again.');
    case 'claim_changed':
      return fail('invalid_claim_state', 'The claim changed while this request ran. Look at the claim again before you retry.');
    case 'provider_not_active':
      return fail('provider_not_active', 'The provider was suspended while this request ran.');
    default:
      return fail('concurrent_update', 'Too many requests changed the same account at once. Try again with the same Idempotency-Key.');
  }
}

/** Short, jittered back-off so that racing requests do not collide again in lockstep. */
function pause(attempt: number): Promise<void> {
  const milliseconds = Math.random() * 10 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
