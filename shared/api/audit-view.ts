import * as z from 'zod/mini';
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
  'deposit_batch',
  'deposit_batch_settle',
] as const;

/** One changed value: absent `from` means the value is new. */
const auditChange = z.object({ from: z.optional(z.string()), to: z.string() });

export const auditEntryView = z
  .object({
    auditId: z.string(),
    at: timestampField,
    actor: z
      .object({
        role: z.enum(['citizen', 'employer', 'funder', 'provider', 'auditor', 'system']),
        personId: z
          .optional(z.string())
          .check(z.meta({ description: 'The citizen’s pseudonymous person id; never a BSN.' })),
        clientId: z.optional(z.string()),
        orgId: z.optional(z.string()),
        userId: z.optional(z.string()).check(
          z.meta({
            description:
              'The pseudonymous id of the person who acted for the organisation through the business portal; ' +
              'absent for the organisation’s own client token. Never a BSN.',
          }),
        ),
        job: z.optional(z.string()).check(z.meta({ description: 'The scheduled job, for role `system`.' })),
      })
      .check(z.meta({ description: 'Who acted.' })),
    action: z.enum(auditActions),
    subject: z
      .object({
        personId: z.optional(z.string()).check(z.meta({ description: 'Pseudonymous person id; never a BSN.' })),
        funderId: z.optional(z.string()),
        schemeId: z.optional(z.string()),
        providerId: z.optional(z.string()),
        courseId: z.optional(z.string()),
        claimId: z.optional(z.string()),
        payoutId: z.optional(z.string()),
        potId: z.optional(z.string()),
        claimIds: z.optional(z.array(z.string())),
        transferIds: z.optional(z.array(z.string())),
        idempotencyKey: z.optional(z.string()),
        batchId: z.optional(z.string()),
        row: z.optional(z.number()).check(z.meta({ description: 'A deposit batch row’s 1-based position.' })),
        status: z.optional(z.string()),
      })
      .check(z.meta({ description: 'What the action concerned.' })),
    amount: z.optional(centsField),
    flags: z.optional(z.array(z.string())),
    changes: z
      .optional(
        z.object({
          name: z.optional(auditChange),
          iban: z
            .optional(
              z.extend(auditChange, {
                payoutsHeldUntil: z
                  .optional(timestampField)
                  .check(
                    z.meta({ description: 'Payouts to a changed IBAN wait until then (the cooling-off period).' }),
                  ),
              }),
            )
            .check(z.meta({ description: 'IBANs masked to their last four characters.' })),
          status: z.optional(auditChange),
        }),
      )
      .check(z.meta({ description: 'For a provider registration: the fields it changed, old and new.' })),
    outcome: z.enum(['succeeded', 'refused']),
    code: z.optional(z.enum(failureCodes)).check(z.meta({ description: 'Set when refused: the code the caller got.' })),
  })
  .check(z.meta({ id: 'AuditEntry' }));

export const auditPage = pageOf(auditEntryView).check(z.meta({ id: 'AuditPage' }));
