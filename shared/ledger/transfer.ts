import type { CourseUseChange } from './course-use.ts';
import type { Pot } from './pot.ts';

/** The one vocabulary for money movements; `type` on every ledger entry citizens see. */
export type TransferType = 'deposit' | 'reservation' | 'capture' | 'release' | 'expiry' | 'revocation' | 'refund';

/**
 * Transfers that move money between accounts. A reservation is pending (money held inside the
 * pot) and a release voids it, as with TigerBeetle's two-phase transfers: neither changes an
 * account's balance, so reconciliation leaves them out.
 */
export function isPosted(type: TransferType): boolean {
  return type !== 'reservation' && type !== 'release';
}

/**
 * One double-entry transfer: `amountCents` leaves `debitAccount` and arrives in `creditAccount`.
 * Every transfer concerns one person's pot, so it is stored in that person's partition and is
 * what the person sees in their history.
 */
export interface Transfer {
  readonly transferId: string;
  readonly type: TransferType;
  /** ISO 8601 UTC timestamp. */
  readonly at: string;
  /** Always positive; the direction is given by the accounts. */
  readonly amountCents: number;
  readonly debitAccount: string;
  readonly creditAccount: string;
  readonly personId: string;
  readonly potId: string;
  readonly schemeId: string;
  readonly funderId: string;
  /** How the transfer changes the person's available money, signed. */
  readonly availableEffectCents: number;
  /** A plain sentence for the person's history. */
  readonly description: string;
  readonly reference?: string;
  readonly claimId?: string;
}

/** The pot fields needed to create a pot that does not exist yet. */
export type PotIdentity = Omit<Pot, 'availableCents' | 'reservedCents'>;

/**
 * A change to one pot. `availableDeltaCents` < 0 carries the condition that `available` stays ≥ 0.
 * A pot that has an expiry date and gains available money joins the expiry work list, which the
 * expire-pots job reads.
 */
export interface PotChange {
  readonly pot: PotIdentity;
  readonly availableDeltaCents: number;
  readonly reservedDeltaCents: number;
  /**
   * Set by expiry: the change takes everything available, so it is written only while
   * `available` is exactly `-availableDeltaCents`, and the pot leaves the expiry work list.
   * Money that arrives meanwhile (a release) makes the write fail, so the pot stays listed and
   * the next run expires that money too.
   */
  readonly takesAllAvailable?: boolean;
}

/** A change to one shard of a scheme's funder total (the funder account, split to avoid a hot key). */
export interface SchemeTotalChange {
  readonly funderId: string;
  readonly schemeId: string;
  readonly shard: number;
  /** Change to the funder account balance (credits − debits). */
  readonly balanceDeltaCents: number;
  readonly depositedDeltaCents: number;
  readonly returnedDeltaCents: number;
  readonly expiredDeltaCents: number;
  /** Only for schemes with a budget: carries the condition that the shard's remaining budget stays ≥ 0. */
  readonly budgetRemainingDeltaCents?: number;
}

/** A change to one shard of a provider's payable account (what we owe the provider). */
export interface PayableChange {
  readonly providerId: string;
  readonly shard: number;
  readonly balanceDeltaCents: number;
}

/**
 * Everything one money movement writes, decided before the first write. The store turns it into
 * exactly one transaction whose conditions restate the checks, so a race loses cleanly.
 */
export interface Movement {
  readonly transfers: readonly Transfer[];
  readonly potChanges: readonly PotChange[];
  readonly totalChanges: readonly SchemeTotalChange[];
  readonly payableChanges?: readonly PayableChange[];
  /**
   * The change to what the person's pots hold and spent for one course (approving, releasing),
   * written in the same transaction and conditioned on the course's limits (`course-use.ts`).
   */
  readonly courseUseChange?: CourseUseChange;
  /** The employment that must still be active when the movement is written. */
  readonly requireEmployment?: { readonly employerId: string; readonly personId: string };
  /**
   * Employments the movement was planned on, which must still be as read when it is written: a
   * release from an employer's revocable pot goes back to the employer when the employment has
   * ended, and stays in the pot while it goes on (see `returnReleasedAfterEmploymentEnded`).
   */
  readonly employmentsAsRead?: readonly EmploymentAsRead[];
}

/** An employment as a movement was planned on: ended, or ongoing (not ended). */
export interface EmploymentAsRead {
  readonly employerId: string;
  readonly personId: string;
  readonly ended: boolean;
}

/** The movement that moves no money: for a write that only changes a claim, with its conditions and audit entry. */
export const noMovement: Movement = Object.freeze({ transfers: [], potChanges: [], totalChanges: [] });

/**
 * Crashes when a movement does not balance: every transfer positive and between two different
 * accounts, and what pots gain equals what funder accounts lose. A failure here is a bug.
 */
export function assertBalanced(movement: Movement): void {
  let sum = 0;
  for (const transfer of movement.transfers) {
    if (!Number.isSafeInteger(transfer.amountCents) || transfer.amountCents <= 0) {
      throw new Error(`transfer ${transfer.transferId} has a non-positive amount ${transfer.amountCents}`);
    }
    if (transfer.debitAccount === transfer.creditAccount)
      throw new Error(`transfer ${transfer.transferId} moves money to itself`);
  }
  for (const change of movement.potChanges) sum += change.availableDeltaCents + change.reservedDeltaCents;
  for (const change of movement.totalChanges) sum += change.balanceDeltaCents;
  for (const change of movement.payableChanges ?? []) sum += change.balanceDeltaCents;
  if (sum !== 0) throw new Error(`movement does not balance: it sums to ${sum}`);
}

/**
 * Crashes when a movement changes one pot or one scheme total shard twice. DynamoDB refuses such
 * a transaction outright, so every adapter holds movements to the same rule.
 */
export function assertTouchesEachItemOnce(movement: Movement): void {
  const seen = new Set<string>();
  const once = (itemKey: string) => {
    if (seen.has(itemKey)) throw new Error(`movement changes ${itemKey} more than once`);
    seen.add(itemKey);
  };
  for (const change of movement.potChanges) once(`pot ${change.pot.personId} ${change.pot.potId}`);
  for (const change of movement.totalChanges) once(`total ${change.funderId} ${change.schemeId} ${change.shard}`);
  for (const change of movement.payableChanges ?? []) once(`payable ${change.providerId} ${change.shard}`);
}
