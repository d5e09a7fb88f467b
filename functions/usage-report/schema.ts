import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { dateField } from '../../shared/api/fields.ts';
import { usageReportView } from '../../shared/api/usage-view.ts';
import { addDays, isIsoDate } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const usageReportQuery = z
  .strictObject({
    from: dateField.check(
      z.meta({ description: 'First day of the period (Dutch calendar date), inclusive.', example: '2026-01-01' }),
    ),
    to: dateField.check(
      z.meta({
        description: `Last day of the period, inclusive: from \`from\` to ${limits.usageRangeDaysMax} days after it.`,
        example: '2026-12-31',
      }),
    ),
  })
  .check(
    z.refine((query) => query.to >= query.from, { message: 'to may not be before from.', path: ['to'] }),
    // zod runs this even when from or to failed their own check; addDays would throw on those (a 500).
    z.refine((query) => !isIsoDate(query.from) || query.to <= addDays(query.from, limits.usageRangeDaysMax), {
      message: `to may be at most ${limits.usageRangeDaysMax} days after from.`,
      path: ['to'],
    }),
  );

export const contract: RouteContract = {
  tag: 'Reports',
  summary: 'Usage of your schemes in a period',
  description:
    'Per scheme of yours (every one, with zeros where nothing moved), in cents: what was deposited, reserved, ' +
    'released, spent (captured), expired and returned (revoked when employment ended) on the days from `from` ' +
    `to \`to\` (Dutch calendar dates, inclusive, at most ${limits.usageRangeDaysMax} days apart), and how many ` +
    `distinct persons received a deposit (null below ${limits.usagePersonsShownMin}). Never per person or per ` +
    'course. Built from daily aggregates that follow the ledger by up to a minute; `asOf` says up to when the ' +
    'report is complete.',
  query: usageReportQuery,
  responses: { 200: usageReportView },
};
