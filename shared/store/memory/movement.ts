import { applyCourseUseChange, courseUseChangeFits, noCourseUse } from '../../ledger/course-use.ts';
import { assertTouchesEachItemOnce, type Movement } from '../../ledger/transfer.ts';
import type { CommitOptions, CommitResult } from '../ledger-store.ts';
import { emptyShard, type MemoryState, memoryKey } from './state.ts';

/**
 * Writes a movement with everything that comes with it, all or nothing: every condition is
 * checked before anything changes, and JavaScript's single thread makes the whole commit atomic.
 */
export function commitMovement(state: MemoryState, movement: Movement, options: CommitOptions = {}): CommitResult {
  assertTouchesEachItemOnce(movement);
  const refused = refusal(state, movement, options);
  if (refused !== undefined) return refused;
  apply(state, movement, options);
  return { kind: 'committed' };
}

/**
 * The first condition that does not hold, in the DynamoDB adapter's order of precedence, or
 * undefined when the movement may be written.
 */
function refusal(state: MemoryState, movement: Movement, options: CommitOptions): CommitResult | undefined {
  if (options.idempotency !== undefined) {
    const existing = state.idempotency.get(memoryKey.idempotency(options.idempotency.scope, options.idempotency.key));
    if (existing !== undefined) return { kind: 'key_exists', record: structuredClone(existing) };
  }
  if (movement.requireEmployment !== undefined) {
    const { employerId, personId } = movement.requireEmployment;
    const employment = state.employments.get(memoryKey.employment(employerId, personId));
    if (employment === undefined || employment.endDate !== undefined) return { kind: 'not_employed' };
  }
  for (const { employerId, personId, ended } of movement.employmentsAsRead ?? []) {
    const employment = state.employments.get(memoryKey.employment(employerId, personId));
    if (employment === undefined || (employment.endDate !== undefined) !== ended) return { kind: 'employment_changed' };
  }
  if (options.endEmployment !== undefined) {
    const { employerId, personId } = options.endEmployment;
    const employment = state.employments.get(memoryKey.employment(employerId, personId));
    if (employment === undefined || employment.endDate !== undefined) return { kind: 'employment_changed' };
  }
  // The claim and provider conditions come before the money ones, in the DynamoDB adapter's order of
  // precedence: a second capture or cancel of a resolved claim is `claim_changed`, whatever its pots hold now.
  if (options.claim !== undefined) {
    const stored = state.claims.get(options.claim.claim.claimId);
    const { expectedStatus } = options.claim;
    if (expectedStatus === undefined ? stored !== undefined : stored?.status !== expectedStatus) {
      return { kind: 'claim_changed' };
    }
  }
  if (options.requireActiveProvider !== undefined) {
    if (state.providers.get(options.requireActiveProvider)?.status !== 'active') return { kind: 'provider_not_active' };
  }
  if (options.claimCounter !== undefined) {
    const { providerId, courseId, year, max } = options.claimCounter;
    if ((state.claimCounts.get(memoryKey.claimCount(providerId, courseId, year)) ?? 0) >= max) {
      return { kind: 'claim_limit_reached' };
    }
  }
  if (movement.courseUseChange !== undefined) {
    const { personId, providerId, courseId } = movement.courseUseChange;
    const use = state.courseUse.get(memoryKey.courseUse(personId, providerId, courseId)) ?? noCourseUse;
    if (!courseUseChangeFits(use, movement.courseUseChange)) return { kind: 'course_use_changed' };
  }
  for (const change of movement.potChanges) {
    const pot = state.pots.get(memoryKey.pot(change.pot.personId, change.pot.potId));
    const available = (pot?.availableCents ?? 0) + change.availableDeltaCents;
    const reserved = (pot?.reservedCents ?? 0) + change.reservedDeltaCents;
    if (available < 0 || reserved < 0) return { kind: 'insufficient_funds' };
    // Expiry takes exactly what was available; anything that arrived since keeps the pot listed.
    if (change.takesAllAvailable === true && (pot === undefined || available !== 0)) {
      return { kind: 'insufficient_funds' };
    }
  }
  // A pot or payable shard short comes before the budget, and a transfer already written last, as
  // in `commitResultOf`.
  for (const change of movement.payableChanges ?? []) {
    const balance = state.payables.get(memoryKey.payable(change.providerId, change.shard)) ?? 0;
    if (balance + change.balanceDeltaCents < 0) return { kind: 'insufficient_funds' };
  }
  for (const change of movement.totalChanges) {
    if (change.budgetRemainingDeltaCents === undefined) continue;
    const shard = state.totals.get(memoryKey.total(change.funderId, change.schemeId, change.shard));
    if ((shard?.budgetRemainingCents ?? 0) + change.budgetRemainingDeltaCents < 0) return { kind: 'budget_exceeded' };
  }
  for (const transfer of movement.transfers) {
    const written = state.transfers.get(transfer.personId) ?? [];
    if (written.some((existing) => existing.transferId === transfer.transferId && existing.at === transfer.at)) {
      return { kind: 'conflict' };
    }
  }
  return undefined;
}

/** Writes everything; called only once every condition has been checked. */
function apply(state: MemoryState, movement: Movement, options: CommitOptions): void {
  if (options.idempotency !== undefined) {
    const { scope, key, requestHash, response } = options.idempotency;
    state.idempotency.set(memoryKey.idempotency(scope, key), structuredClone({ requestHash, response }));
  }
  if (options.endEmployment !== undefined) {
    const { employerId, personId, endDate } = options.endEmployment;
    const key = memoryKey.employment(employerId, personId);
    const employment = state.employments.get(key);
    if (employment !== undefined) state.employments.set(key, { ...employment, endDate });
  }
  for (const change of movement.potChanges) {
    const key = memoryKey.pot(change.pot.personId, change.pot.potId);
    const pot = state.pots.get(key);
    state.pots.set(key, {
      ...structuredClone(change.pot),
      ...pot,
      availableCents: (pot?.availableCents ?? 0) + change.availableDeltaCents,
      reservedCents: (pot?.reservedCents ?? 0) + change.reservedDeltaCents,
    });
    if (change.takesAllAvailable === true) state.potsDue.delete(key);
    else if (change.pot.expiresAt !== undefined && change.availableDeltaCents > 0) state.potsDue.add(key);
  }
  for (const change of movement.totalChanges) {
    const key = memoryKey.total(change.funderId, change.schemeId, change.shard);
    const shard = state.totals.get(key) ?? emptyShard(change.shard);
    shard.balanceCents += change.balanceDeltaCents;
    shard.depositedCents += change.depositedDeltaCents;
    shard.returnedCents += change.returnedDeltaCents;
    shard.expiredCents += change.expiredDeltaCents;
    if (change.budgetRemainingDeltaCents !== undefined) {
      shard.budgetRemainingCents = (shard.budgetRemainingCents ?? 0) + change.budgetRemainingDeltaCents;
    }
    state.totals.set(key, shard);
  }
  if (options.claim !== undefined) state.claims.set(options.claim.claim.claimId, structuredClone(options.claim.claim));
  if (options.claimCounter !== undefined) {
    const { providerId, courseId, year } = options.claimCounter;
    const key = memoryKey.claimCount(providerId, courseId, year);
    state.claimCounts.set(key, (state.claimCounts.get(key) ?? 0) + 1);
  }
  if (movement.courseUseChange !== undefined) {
    const { personId, providerId, courseId } = movement.courseUseChange;
    const key = memoryKey.courseUse(personId, providerId, courseId);
    state.courseUse.set(key, applyCourseUseChange(state.courseUse.get(key) ?? noCourseUse, movement.courseUseChange));
  }
  if (options.audit !== undefined) state.audit.push(structuredClone(options.audit));
  for (const change of movement.payableChanges ?? []) {
    const key = memoryKey.payable(change.providerId, change.shard);
    state.payables.set(key, (state.payables.get(key) ?? 0) + change.balanceDeltaCents);
  }
  for (const transfer of movement.transfers) {
    const list = state.transfers.get(transfer.personId) ?? [];
    list.push(structuredClone(transfer));
    state.transfers.set(transfer.personId, list);
  }
}
