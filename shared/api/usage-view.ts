import * as z from 'zod/mini';
import { limits } from '../ledger/limits.ts';
import { centsField, dateField, timestampField } from './fields.ts';

const flowField = (description: string) => centsField.check(z.meta({ description: `${description} Euro cents.` }));

/** One scheme's flows in a usage report. */
export const usageItemView = z
  .object({
    schemeId: z.string(),
    label: z.string(),
    deposited: flowField('Deposited into persons’ pots.'),
    reserved: flowField('Held in pots when citizens approved claims.'),
    released: flowField('Held money given back to pots (cancelled, not captured in time, or the rest of a capture).'),
    spent: flowField('Captured by training providers.'),
    expired: flowField('Gone back to you when pots expired.'),
    returned: flowField('Gone back to you when employment ended (revoked).'),
    persons: z.nullable(z.number().check(z.int())).check(
      z.meta({
        description:
          'Distinct persons who received a deposit from this scheme in the period; null when fewer than ' +
          `${limits.usagePersonsShownMin}, so that nobody can be singled out. Exact up to ` +
          `${limits.usageExactPersonsPerDayMax} persons a day; beyond that an estimate within a few percent.`,
      }),
    ),
  })
  .check(z.meta({ id: 'UsageItem' }));

export const usageReportView = z
  .object({
    from: dateField,
    to: dateField,
    asOf: z.nullable(timestampField).check(
      z.meta({
        description:
          'Every movement made up to this instant is counted; later ones may be missing (the report lags the ' +
          'ledger by up to a minute). Null while nothing has been counted yet.',
      }),
    ),
    items: z.array(usageItemView),
  })
  .check(
    z.meta({
      id: 'UsageReport',
      example: {
        from: '2026-01-01',
        to: '2026-12-31',
        asOf: '2026-11-23T10:14:30.000Z',
        items: [
          {
            schemeId: 'ontwikkelbudget',
            label: 'Ontwikkelbudget',
            deposited: 125_000_000,
            reserved: 3_450_000,
            released: 250_000,
            spent: 2_900_000,
            expired: 0,
            returned: 0,
            persons: 1_250,
          },
        ],
      },
    }),
  );
