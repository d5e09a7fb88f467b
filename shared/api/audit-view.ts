import * as z from 'zod';
import { failureCodes } from '../ledger/outcome.ts';
import { centsField, pageOf, timestampField } from './fields.ts';

/** Audit trail entries as the auditor sees them. */
export const auditActions = [
  'deposit',
  'end_employment',
  'claim_create',
  'claim_approve',
  'claim_reject',
  'claim_capture',
  'claim_cancel',
  'claim_expire',
  'reservation_release',
  'pot_expire',
  'payout',
  'provider_register',
] as const;

/** One changed value: absent `from` means the value is new. */
const auditChange = z.object({ from: z.string().optional(), to: z.string() });

export const auditEntryView = z
  .object({
    auditId: z.string(),
    at: timestampField,
    actor: z
      .object({
        role: z.enum(['citizen', 'employer', 'funder', 'provider', 'auditor', 'system']),
        personId: z.string().optional().meta({ description: 'The citizen’s pseudonymous person id; never a BSN.' }),
        clientId: z.string().optional(),
        orgId: z.string().optional(),
        job: z.string().optional().meta({ description: 'The scheduled job, for role `system`.' }),
      })
      .meta({ description: 'Who acted.' }),
    action: z.enum(auditActions),
    subject: z
      .object({
        personId: z.string().optional().meta({ description: 'Pseudonymous person id; never a BSN.' }),
        funderId: z.string().optional(),
        schemeId: z.string().optional(),
        providerId: z.string().optional(),
        courseId: z.string().optional(),
        claimId: z.string().optional(),
        payoutId: z.string().optional(),
        potId: z.string().optional(),
        claimIds: z.array(z.string()).optional(),
        transferIds: z.array(z.string()).optional(),
        idempotencyKey: z.string().optional(),
        status: z.string().optional(),
      })
      .meta({ description: 'What the action concerned.' }),
    amount: centsField.optional(),
    flags: z.array(z.string()).optional(),
    changes: z
      .object({
        name: auditChange.optional(),
        iban: auditChange
          .extend({
            payoutsHeldUntil: timestampField
              .optional()
              .meta({ description: 'Payouts to a changed IBAN wait until then (the cooling-off period).' }),
          })
          .optional()
          .meta({ description: 'IBANs masked to their last four characters.' }),
        status: auditChange.optional(),
      })
      .optional()
      .meta({ description: 'For a provider registration: the fields it changed, old and new.' }),
    outcome: z.enum(['succeeded', 'refused']),
    code: z.enum(failureCodes).optional().meta({ description: 'Set when refused: the code the caller got.' }),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = pageOf(auditEntryView).meta({ id: 'AuditPage' });
