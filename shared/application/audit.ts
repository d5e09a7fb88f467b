import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import type { AuditAction, AuditActor, AuditChanges, AuditRecord, AuditSubject } from '../ledger/audit.ts';
import type { Failure } from '../ledger/outcome.ts';
import type { AuditStore } from '../store/ledger-store.ts';

/**
 * Who a caller is, as the audit trail names them: the pseudonymous person id, or the client and its
 * organisation with the portal user who acted for it, if any. Never a BSN.
 */
export function auditActorOf(principal: Principal): AuditActor {
  if (principal.role === 'citizen') return { role: 'citizen', personId: principal.personId };
  return {
    role: principal.role,
    clientId: principal.clientId,
    orgId: principal.orgId,
    ...(principal.userId !== undefined && { userId: principal.userId }),
  };
}

/** The actor for a scheduled job. */
export function jobActor(job: string): AuditActor {
  return { role: 'system', job };
}

/** What an action did, besides who and when; the caller fills in what applies. */
export interface AuditDetails {
  readonly subject: AuditSubject;
  readonly amountCents?: number;
  readonly flags?: readonly string[];
  readonly changes?: AuditChanges;
}

/** A new audit entry with a fresh random id. */
export function auditRecord(
  actor: AuditActor,
  action: AuditAction,
  at: Date,
  details: AuditDetails,
  outcome: { readonly refused: Failure } | 'succeeded' = 'succeeded',
): AuditRecord {
  return {
    auditId: `aud_${randomUUID()}`,
    at: at.toISOString(),
    actor,
    action,
    subject: details.subject,
    ...(details.amountCents !== undefined && { amountCents: details.amountCents }),
    ...(details.flags !== undefined && details.flags.length > 0 && { flags: details.flags }),
    ...(details.changes !== undefined && { changes: details.changes }),
    ...(outcome === 'succeeded'
      ? { outcome: 'succeeded' as const }
      : { outcome: 'refused' as const, code: outcome.refused.code }),
  };
}

/**
 * Writes the audit entry for a refused request and hands the refusal back, so a use case can
 * `return refused(…)`. A refusal changed nothing, so its entry is a write of its own.
 */
export async function recordRefusal(
  store: Pick<AuditStore, 'recordAudit'>,
  actor: AuditActor,
  action: AuditAction,
  at: Date,
  details: AuditDetails,
  failure: Failure,
): Promise<Failure> {
  await store.recordAudit(auditRecord(actor, action, at, details, { refused: failure }));
  return failure;
}
