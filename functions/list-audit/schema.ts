import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { centsField, dateField, pageOf, pageQuery, timestampField } from '../../shared/api/fields.ts';
import { addDays, isIsoDate } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { failureCodes } from '../../shared/ledger/outcome.ts';

export const listAuditQuery = pageQuery
  .extend({
    from: dateField.meta({ description: 'First day (UTC), inclusive.' }),
    to: dateField.meta({ description: `Last day (UTC), inclusive; at most ${limits.auditRangeDaysMax} days after from.` }),
  })
  .refine((query) => query.to >= query.from, { message: 'to may not be before from.', path: ['to'] })
  // zod runs this even when from or to failed their own check; addDays would throw on those (a 500).
  .refine((query) => !isIsoDate(query.from) || query.to < addDays(query.from, limits.auditRangeDaysMax), {
    message: `Ask for at most ${limits.auditRangeDaysMax} days at once.`,
    path: ['to'],
  });

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
    outcome: z.enum(['succeeded', 'refused']),
    code: z.enum(failureCodes).optional().meta({ description: 'Set when refused: the code the caller got.' }),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = pageOf(auditEntryView).meta({ id: 'AuditPage' });

export const contract: RouteContract = {
  summary: 'The audit trail: every money movement and admin action, oldest first',
  description:
    'Who (role and client, or the citizen’s pseudonymous id; never a BSN), what, when and the outcome of every money movement and admin action, refusals included. ' +
    `Entries of the days from \`from\` to \`to\` (UTC, inclusive, at most ${limits.auditRangeDaysMax} days), oldest first; page on with \`nextCursor\`.`,
  query: listAuditQuery,
  responses: { 200: auditPage },
};
