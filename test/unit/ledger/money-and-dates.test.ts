import { describe, expect, it } from 'vitest';
import { dateField } from '../../../shared/api/fields.ts';
import { addDays, addMonths, dateOf, isIsoDate, isWithinRange } from '../../../shared/ledger/dates.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { assertCents, formatEuros, isCents, sumCents } from '../../../shared/ledger/money.ts';

describe('isCents', () => {
  it.each([0, 1, -1, 125_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])(
    'accepts the whole number %d',
    (value) => {
      expect(isCents(value)).toBe(true);
    },
  );

  it.each([1.5, 0.1, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '100', null, undefined, 10n])(
    'rejects %s, which is not a safe whole number of cents',
    (value) => {
      expect(isCents(value)).toBe(false);
    },
  );
});

describe('assertCents', () => {
  it('lets whole cents pass', () => {
    expect(() => assertCents(125_000, 'amount')).not.toThrow();
  });

  it.each([1.5, Number.NaN, 2 ** 53])('crashes on %d and names what was wrong', (value) => {
    expect(() => assertCents(value, 'amountCents')).toThrow(/amountCents must be a safe integer/);
  });
});

describe('sumCents', () => {
  it('adds whole cents exactly, where floating-point euros would not', () => {
    expect(sumCents([10, 20])).toBe(30);
    // 0.1 + 0.2 euros is the classic float error; in cents it cannot happen.
    expect(sumCents([10, 20, -5])).toBe(25);
  });

  it('is 0 for no amounts', () => {
    expect(sumCents([])).toBe(0);
  });

  it('crashes on a fractional amount instead of carrying it along', () => {
    expect(() => sumCents([100, 0.5])).toThrow(/amount must be a safe integer/);
  });

  it('crashes when the total leaves the safe integer range', () => {
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(/sum must be a safe integer/);
  });
});

describe('formatEuros', () => {
  it.each([
    { amountCents: 125_000, nl: '€ 1.250,00', en: '€1,250.00' },
    { amountCents: 0, nl: '€ 0,00', en: '€0.00' },
    { amountCents: 5, nl: '€ 0,05', en: '€0.05' },
    { amountCents: 99, nl: '€ 0,99', en: '€0.99' },
    { amountCents: 100, nl: '€ 1,00', en: '€1.00' },
    { amountCents: 100_000_000, nl: '€ 1.000.000,00', en: '€1,000,000.00' },
    { amountCents: -1_250, nl: '-€ 12,50', en: '-€12.50' },
    { amountCents: -5, nl: '-€ 0,05', en: '-€0.05' },
  ])('formats $amountCents cents as "$nl" in Dutch and "$en" in English', ({ amountCents, nl, en }) => {
    expect(formatEuros(amountCents, 'nl')).toBe(nl);
    expect(formatEuros(amountCents, 'en')).toBe(en);
  });

  it('uses Dutch when no locale is given', () => {
    expect(formatEuros(125_000)).toBe('€ 1.250,00');
  });

  it('crashes on a fractional amount: money is never a float', () => {
    expect(() => formatEuros(12.5)).toThrow(/amountCents must be a safe integer/);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-12-31', true],
    ['2028-02-29', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00:00Z', false],
    [' 2026-01-01', false],
    ['', false],
    // Years 0000–0099 are real dates (Date.UTC reads them as 1900–1999); the API's range refuses them.
    ['0050-06-01', true],
    ['0000-01-01', true],
    ['0099-12-31', true],
    ['0004-02-29', true],
    ['0001-02-29', false],
    ['1904-02-29', true],
    ['9999-12-31', true],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('the API’s date range', () => {
  const range = { min: limits.dateMin, max: limits.dateMax };

  it.each([
    ['1999-12-31', false],
    ['2000-01-01', true],
    ['2026-11-29', true],
    ['2100-12-31', true],
    ['2101-01-01', false],
    ['0050-06-01', false],
    ['9999-12-31', false],
  ])('%s is within it: %s', (date, expected) => {
    expect(isWithinRange(date, range)).toBe(expected);
  });

  it('refuses a date outside it with a message naming it, and a date that does not exist as not real', () => {
    const messageOf = (date: string) => dateField.safeParse(date).error?.issues.map((issue) => issue.message);
    expect(messageOf('0050-06-01')).toEqual(['Use a date from 2000-01-01 to 2100-12-31.']);
    expect(messageOf('9999-12-31')).toEqual(['Use a date from 2000-01-01 to 2100-12-31.']);
    expect(messageOf('2026-02-30')).toEqual(['Use a real date as YYYY-MM-DD.']);
    expect(messageOf('2100-12-31')).toBeUndefined();
  });
});

describe('addMonths', () => {
  it.each([
    { date: '2026-01-15', months: 1, expected: '2026-02-15' },
    { date: '2026-01-31', months: 1, expected: '2026-02-28' },
    { date: '2028-01-31', months: 1, expected: '2028-02-29' },
    { date: '2026-03-31', months: 1, expected: '2026-04-30' },
    { date: '2026-12-15', months: 1, expected: '2027-01-15' },
    { date: '2026-12-31', months: 2, expected: '2027-02-28' },
    { date: '2026-07-01', months: 12, expected: '2027-07-01' },
    { date: '2028-02-29', months: 12, expected: '2029-02-28' },
    { date: '2026-05-20', months: 120, expected: '2036-05-20' },
    { date: '2026-05-20', months: 0, expected: '2026-05-20' },
    { date: '0050-01-31', months: 1, expected: '0050-02-28' },
    { date: '0099-12-15', months: 1, expected: '0100-01-15' },
  ])(
    '$date + $months months is $expected (never later than the last day of the month)',
    ({ date, months, expected }) => {
      expect(addMonths(date, months)).toBe(expected);
    },
  );

  it('crashes on something that is not a date', () => {
    expect(() => addMonths('31-01-2026', 1)).toThrow(/not a date/);
  });
});

describe('addDays', () => {
  it.each([
    { date: '2026-02-28', days: 1, expected: '2026-03-01' },
    { date: '2028-02-28', days: 1, expected: '2028-02-29' },
    { date: '2026-12-31', days: 1, expected: '2027-01-01' },
    { date: '2026-01-01', days: -1, expected: '2025-12-31' },
    { date: '2026-03-28', days: 90, expected: '2026-06-26' },
  ])('$date + $days days is $expected, across DST changes too', ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('dateOf', () => {
  it.each([
    // Summer time (UTC+2): 22:00 UTC is already midnight in Amsterdam.
    { instant: '2026-06-30T21:59:59Z', expected: '2026-06-30' },
    { instant: '2026-06-30T22:00:00Z', expected: '2026-07-01' },
    { instant: '2026-06-30T22:30:00Z', expected: '2026-07-01' },
    // Winter time (UTC+1): 23:00 UTC is midnight.
    { instant: '2026-12-31T22:59:59Z', expected: '2026-12-31' },
    { instant: '2026-12-31T23:00:00Z', expected: '2027-01-01' },
    // The night summer time starts (29 March 2026, 02:00 → 03:00 local).
    { instant: '2026-03-28T23:00:00Z', expected: '2026-03-29' },
    { instant: '2026-03-28T22:59:59Z', expected: '2026-03-28' },
  ])('$instant is $expected in the Netherlands', ({ instant, expected }) => {
    expect(dateOf(new Date(instant))).toBe(expected);
  });
});
