import { describe, expect, it } from 'vitest';
import { limits } from '../../../shared/ledger/limits.ts';
import { defineScheme, type Funder, type SchemeDefinition } from '../../../shared/ledger/scheme.ts';

const today = '2026-05-21';
const createdAt = '2026-05-21T09:00:00.000Z';
const funder: Funder = { funderId: 'oa-techniek', type: 'sector', name: 'O&O-fonds Techniek' };
// limits.expiresAfterMonthsMax (120) months after today: the latest fixed expiry date allowed.
const latestExpiry = '2036-05-21';

function define(definition: Partial<SchemeDefinition>) {
  return defineScheme(funder, { schemeId: 'lassen', label: 'Lasopleidingen', ...definition }, today, createdAt);
}

describe('defineScheme: the expiry rule', () => {
  it('refuses both a fixed date and a number of months, and says to give one', () => {
    expect(define({ expiresAt: '2027-01-01', expiresAfterMonths: 12 })).toEqual({
      ok: false,
      code: 'invalid_expiry',
      detail: 'Give either expiresAt or expiresAfterMonths, not both.',
    });
  });

  it.each([
    { what: 'a fixed date', definition: { expiresAt: '2027-01-01' }, expiry: { kind: 'fixed', date: '2027-01-01' } },
    { what: 'a number of months', definition: { expiresAfterMonths: 24 }, expiry: { kind: 'afterMonths', months: 24 } },
    { what: 'neither', definition: {}, expiry: { kind: 'never' } },
  ])('accepts $what', ({ definition, expiry }) => {
    const outcome = define(definition);

    expect(outcome.ok && outcome.value.expiry).toEqual(expiry);
  });

  it.each(['2026-05-20', today])(
    'refuses the fixed date %s: money would expire before it could be used',
    (expiresAt) => {
      expect(define({ expiresAt })).toEqual({
        ok: false,
        code: 'invalid_expiry',
        detail: `expiresAt must be after today (${today}): money would expire before it could be used.`,
      });
    },
  );

  it('accepts tomorrow as the fixed date', () => {
    expect(define({ expiresAt: '2026-05-22' }).ok).toBe(true);
  });

  it(`accepts a fixed date exactly ${limits.expiresAfterMonthsMax} months ahead`, () => {
    expect(define({ expiresAt: latestExpiry }).ok).toBe(true);
  });

  it(`refuses a date one day past ${limits.expiresAfterMonthsMax} months ahead, and names the latest date`, () => {
    expect(define({ expiresAt: '2036-05-22' })).toEqual({
      ok: false,
      code: 'invalid_expiry',
      detail:
        `expiresAt may be at most ${limits.expiresAfterMonthsMax} months ahead (${latestExpiry}). ` +
        'Pick an earlier date, or leave the money without an expiry date.',
    });
  });
});

describe('defineScheme: the scheme it builds', () => {
  it('holds only the rules the funder gave: no categories, course maximum or budget, and not revocable', () => {
    expect(define({})).toStrictEqual({
      ok: true,
      value: {
        funder,
        schemeId: 'lassen',
        label: 'Lasopleidingen',
        expiry: { kind: 'never' },
        revocable: false,
        createdAt,
      },
    });
  });

  it('keeps every rule the funder gave, with each category once', () => {
    const outcome = define({
      expiresAfterMonths: 36,
      categories: ['techniek', 'veiligheid', 'techniek'],
      maxPerCourseCents: 250_000,
      revocable: true,
      budgetCents: 10_000_000,
    });

    expect(outcome).toStrictEqual({
      ok: true,
      value: {
        funder,
        schemeId: 'lassen',
        label: 'Lasopleidingen',
        expiry: { kind: 'afterMonths', months: 36 },
        categories: ['techniek', 'veiligheid'],
        maxPerCourseCents: 250_000,
        revocable: true,
        budgetCents: 10_000_000,
        createdAt,
      },
    });
  });
});
