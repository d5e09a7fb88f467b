/**
 * Money and dates for people, in Dutch or English. Amounts arrive as integer euro cents and are
 * formatted with integer arithmetic only, so no floating-point rounding can ever show a wrong cent.
 */
import { type Language, useLanguage } from './i18n/index.ts';

/** A non-breaking space keeps "€" and the number on one line, also at 400% zoom. */
const nbsp = '\u00a0';

function groupThousands(euros: number, separator: string): string {
  const digits = String(euros);
  let grouped = '';
  for (let index = 0; index < digits.length; index += 1) {
    if (index > 0 && (digits.length - index) % 3 === 0) grouped += separator;
    grouped += digits[index];
  }
  return grouped;
}

/**
 * `€ 1.250,00` in Dutch, `€1,250.00` in English, from cents. Negative amounts get a minus sign
 * in front (`-€ 450,00`), which only the history uses.
 */
export function formatMoney(amountCents: number, language: Language): string {
  if (!Number.isSafeInteger(amountCents)) throw new Error(`formatMoney: ${amountCents} is not a whole number of cents`);
  const sign = amountCents < 0 ? '-' : '';
  const absoluteCents = Math.abs(amountCents);
  const euros = Math.trunc(absoluteCents / 100);
  const cents = String(absoluteCents % 100).padStart(2, '0');
  return language === 'nl'
    ? `${sign}€${nbsp}${groupThousands(euros, '.')},${cents}`
    : `${sign}€${groupThousands(euros, ',')}.${cents}`;
}

/** Reads what a person typed (`450`, `450,50`, `1.250,00`, `€ 12`) as cents, or undefined. */
export function parseMoney(input: string, language: Language): number | undefined {
  const cleaned = input.replace(/[€\s\u00a0]/g, '');
  if (cleaned === '') return undefined;
  const [thousands, decimal] = language === 'nl' ? ['.', ','] : [',', '.'];
  const match = new RegExp(`^(\\d{1,3}(?:\\${thousands}\\d{3})*|\\d+)(?:\\${decimal}(\\d{1,2}))?$`).exec(cleaned);
  if (match === null) return undefined;
  const euros = Number((match[1] ?? '0').split(thousands).join(''));
  const cents = Number((match[2] ?? '0').padEnd(2, '0'));
  const total = euros * 100 + cents;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Cents as a plain number to put in an input field: `450,00` / `450.00`, no currency sign. */
export function moneyInputValue(amountCents: number, language: Language): string {
  const euros = Math.trunc(amountCents / 100);
  const cents = String(amountCents % 100).padStart(2, '0');
  return `${euros}${language === 'nl' ? ',' : '.'}${cents}`;
}

const dateFormats = {
  nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

const dateTimeZoneFormats = {
  nl: new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }),
};

/** A calendar date (`2027-12-31`) in words: "31 december 2027" / "31 December 2027". */
export function formatDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return isoDate;
  // Not Date.UTC, which reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return dateFormats[language].format(date);
}

/** The day of a timestamp, as it was in the Netherlands, in words. */
export function formatDay(timestamp: string, language: Language): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : dateTimeZoneFormats[language].format(date);
}

/** Amounts in the person's current language: `const money = useMoney();` then `money(125000)`. */
export function useMoney(): (amountCents: number) => string {
  const { language } = useLanguage();
  return (amountCents) => formatMoney(amountCents, language);
}
