import type { AuditAction, AuditActor, AuditSubject } from '../ledger/audit.ts';
import { type Failure, fail, type Outcome, succeed } from '../ledger/outcome.ts';
import { assertBalanced, assertTouchesEachItemOnce, type Movement } from '../ledger/transfer.ts';
import type {
  AuditStore,
  CommitOptions,
  CommitResult,
  IdempotencyRecord,
  IdempotencyStore,
  MovementStore,
} from '../store/ledger-store.ts';
import { type AuditDetails, auditRecord, recordRefusal } from './audit.ts';
import type { Reply } from './reply.ts';
import { type Attempt, done, lost, retryWhileLost } from './retry.ts';

/** What an idempotent movement reads and writes: the key's record, the movement, a refusal's audit entry. */
export type IdempotentMovementStore = IdempotencyStore & MovementStore & Pick<AuditStore, 'recordAudit'>;

/** One attempt's decision: what to write and what to answer once it is written. */
export interface MovementPlan {
  readonly movement: Movement;
  readonly reply: Reply;
  readonly options?: Omit<CommitOptions, 'idempotency' | 'audit'>;
  /** What the audit entry says the movement did, beyond the request's own subject. */
  readonly audit?: AuditDetails;
}

export interface IdempotentMovementRequest {
  readonly store: IdempotentMovementStore;
  /** Who chose the key (the client id or person id); keys never collide across callers. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  /**
   * The clock, read once per attempt: the plan, the key's record and the audit entry all get that
   * one instant.
   */
  readonly now: () => Date;
  /**
   * Reads what it needs and plans the movement as of `now`. Called again after a lost race, with
   * fresh reads and a fresh `now`.
   */
  readonly plan: (now: Date) => Promise<Outcome<MovementPlan>>;
  /** Who asks for what, for the audit entry written with the movement, or alone when it is refused. */
  readonly audit: {
    readonly actor: AuditActor;
    readonly action: AuditAction;
    readonly subject: AuditSubject;
  };
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
 *
 * The movement's audit entry is written in its transaction; a refusal gets an entry of its own
 * with the code the caller got, at the instant of the attempt that was refused. A replay of the
 * first answer writes none: nothing happened.
 */
export async function idempotentMovement(request: IdempotentMovementRequest): Promise<Outcome<Reply>> {
  let attemptedAt: Date | undefined;
  const attempted = await attemptMovement(request, (now) => {
    attemptedAt = now;
  });
  if (attempted.ok) return attempted;
  // A retry of a request that went through gets its first answer, even when the same request could
  // not be planned or written now (the first one spent the money, or ended the employment). Only a
  // refusal pays for this read: a first request that goes through reads nothing before it writes.
  const record = await request.store.getIdempotencyRecord(request.scope, request.key);
  const outcome = record === undefined ? attempted : replay(record, request.requestHash);
  if (outcome.ok) return outcome;
  const { actor, action, subject } = request.audit;
  return recordRefusal(
    request.store,
    actor,
    action,
    attemptedAt ?? request.now(),
    { subject: { ...subject, idempotencyKey: request.key } },
    outcome,
  );
}

/** Plans and commits until done; `onAttempt` hears each attempt's instant. */
async function attemptMovement(
  request: IdempotentMovementRequest,
  onAttempt: (now: Date) => void,
): Promise<Outcome<Reply>> {
  // No read of the key's record first: the commit's condition finds a used key and hands back its
  // record, so only a replay pays for planning again, and a first request reads nothing extra.
  return retryWhileLost(async (): Promise<Attempt<Outcome<Reply>, CommitResult['kind']>> => {
    const now = request.now();
    onAttempt(now);
    const planned = await request.plan(now);
    if (!planned.ok) return done(planned);
    const { movement, reply, options, audit } = planned.value;
    assertBalanced(movement);
    assertTouchesEachItemOnce(movement);
    const { actor, action, subject } = request.audit;
    const result = await request.store.commit(movement, {
      ...options,
      idempotency: {
        scope: request.scope,
        key: request.key,
        requestHash: request.requestHash,
        response: reply,
        createdAt: now.toISOString(),
      },
      audit: auditRecord(actor, action, now, {
        ...audit,
        subject: {
          ...subject,
          ...audit?.subject,
          idempotencyKey: request.key,
          ...(movement.transfers.length > 0 && {
            transferIds: movement.transfers.map((transfer) => transfer.transferId),
          }),
        },
      }),
    });
    switch (result.kind) {
      case 'committed':
        return done(succeed(reply));
      case 'key_exists':
        return done(replay(result.record, request.requestHash));
      case 'conflict': {
        // The key may have been taken by a concurrent twin of this request: look before re-planning.
        const record = await request.store.getIdempotencyRecord(request.scope, request.key);
        return record === undefined ? lost(result.kind) : done(replay(record, request.requestHash));
      }
      case 'insufficient_funds':
      case 'budget_exceeded':
      case 'not_employed':
      case 'employment_changed':
      case 'claim_changed':
      case 'provider_not_active':
      case 'claim_limit_reached':
      case 'course_use_changed':
        return lost(result.kind);
    }
  }, lostRace);
}

function replay(record: IdempotencyRecord, requestHash: string): Outcome<Reply> {
  if (record.requestHash !== requestHash) {
    return fail(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    );
  }
  return succeed(record.response);
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
      return fail(
        'invalid_claim_state',
        'The claim changed while this request ran. Look at the claim again before you retry.',
      );
    case 'provider_not_active':
      return fail('provider_not_active', 'The provider was suspended while this request ran.');
    case 'claim_limit_reached':
      return fail(
        'claim_limit_reached',
        'Other claims for this course reached your yearly limit while this request ran.',
      );
    case 'course_use_changed':
      return fail(
        'concurrent_update',
        'Other claims for this course were approved while this request ran. Look at the split again and retry.',
      );
    default:
      return fail(
        'concurrent_update',
        'Too many requests changed the same account at once. Try again with the same Idempotency-Key.',
      );
  }
}
