import type { FailureCode } from './outcome.ts';

/**
 * What the audit trail records. Every money movement and every admin action writes one entry, in
 * the same transaction as the change it describes, so the trail can never miss a change nor name
 * one that did not happen. A refused request writes an entry on its own, since it changed nothing.
 */
export type AuditAction =
  | 'deposit'
  | 'end_employment'
  | 'claim_create'
  | 'claim_approve'
  | 'claim_reject'
  | 'claim_capture'
  | 'claim_cancel'
  | 'claim_expire'
  | 'reservation_release'
  | 'pot_expire'
  | 'payout'
  | 'provider_register'
  | 'deposit_batch'
  | 'deposit_batch_settle';

/**
 * Who acted. A citizen by their pseudonymous person id, a business client by its client id and the
 * organisation it acts for (and, when a person logged in to the business portal acted for it, their
 * pseudonymous user id), a scheduled job by its name. Never a BSN.
 */
export type AuditActor =
  | { readonly role: 'citizen'; readonly personId: string }
  | {
      readonly role: 'employer' | 'funder' | 'provider' | 'auditor';
      readonly clientId: string;
      readonly orgId: string;
      readonly userId?: string;
    }
  | { readonly role: 'system'; readonly job: string };

/** The ids an action concerned; only those that apply are set. */
export interface AuditSubject {
  /** The pseudonymous person id, never a BSN. */
  readonly personId?: string;
  readonly funderId?: string;
  readonly schemeId?: string;
  readonly providerId?: string;
  readonly courseId?: string;
  readonly claimId?: string;
  readonly payoutId?: string;
  /** The claims a payout paid. */
  readonly claimIds?: readonly string[];
  readonly potId?: string;
  /** The ledger entries the action wrote. */
  readonly transferIds?: readonly string[];
  readonly idempotencyKey?: string;
  /** A deposit batch, and for one of its rows the row's position. */
  readonly batchId?: string;
  readonly row?: number;
  /** The status an admin action set (a provider's `active` or `suspended`). */
  readonly status?: string;
}

/** A value an admin action changed: what it was (absent when the thing is new) and what it became. */
export interface AuditChange {
  readonly from?: string;
  readonly to: string;
}

/**
 * What a provider registration changed, so that a change of bank account is never unseen. IBANs
 * appear masked to their last four characters; `payoutsHeldUntil` says until when payouts to a
 * changed IBAN wait (see `ibanChangeHoldHours` in `limits.ts`).
 */
export interface AuditChanges {
  readonly name?: AuditChange;
  readonly iban?: AuditChange & { readonly payoutsHeldUntil?: string };
  readonly status?: AuditChange;
}

export interface AuditRecord {
  /** Unique per entry; also decides the entry's shard. */
  readonly auditId: string;
  /** When the change was committed (or refused), ISO 8601 UTC. */
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly subject: AuditSubject;
  /** The money the action moved (or would have moved), in cents, where one amount says it. */
  readonly amountCents?: number;
  /** Claim flags at creation, so reviewers find flagged claims in the trail. */
  readonly flags?: readonly string[];
  /** For an admin action that changes a registration: the fields it changed, old and new. */
  readonly changes?: AuditChanges;
  readonly outcome: 'succeeded' | 'refused';
  /** Set when refused: the same stable code the caller got. */
  readonly code?: FailureCode;
}
