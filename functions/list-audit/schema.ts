import * as z from 'zod/mini';
import { auditPage } from '../../shared/api/audit-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { dateField, pageQuery } from '../../shared/api/fields.ts';
import { addDays, isIsoDate } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';

/** The last day asked for. */
const toField = dateField.check(
  z.meta({
    description: `Last day (UTC), inclusive; not before from, and at most ${limits.auditRangeDaysMax} days from it.`,
    example: '2026-11-30',
  }),
);

export const listAuditQuery = z
  .extend(pageQuery, {
    from: dateField.check(z.meta({ description: 'First day (UTC), inclusive.', example: '2026-11-01' })),
    to: toField,
  })
  .check(
    z.refine((query) => query.to >= query.from, { message: 'to may not be before from.', path: ['to'] }),
    // zod runs this even when from or to failed their own check; addDays would throw on those (a 500).
    z.refine((query) => !isIsoDate(query.from) || query.to < addDays(query.from, limits.auditRangeDaysMax), {
      message: `Ask for at most ${limits.auditRangeDaysMax} days at once.`,
      path: ['to'],
    }),
  );

export const contract: RouteContract = {
  tag: 'Administration',
  summary: 'The audit trail: every money movement and admin action, oldest first',
  description:
    'Who (role and client, or the citizen’s pseudonymous id; never a BSN), what, when and the outcome ' +
    'of every money movement and admin action, refusals included. ' +
    `Entries of the days from \`from\` to \`to\` (UTC, inclusive, at most ${limits.auditRangeDaysMax} days), ` +
    'oldest first; page on with `nextCursor`.',
  query: listAuditQuery,
  responses: { 200: auditPage },
};
