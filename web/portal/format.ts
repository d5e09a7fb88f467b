/**
 * Money and dates in the portal's language. Amounts arrive and leave as integer euro cents; what
 * people type is read with `parseMoney` (integer arithmetic only, never floating point) from the
 * citizen app's `format.ts`, which both apps share.
 */
import { formatDate, formatDay, formatMoney, moneyInputValue, parseMoney } from '../src/format.ts';
import { usePortalLanguage } from './i18n/index.ts';

export { moneyInputValue };

/** `€ 1.250,00` (Dutch) or `€1,250.00` (English) from cents: `const money = useMoney(); money(125000)`. */
export function useMoney(): (amountCents: number) => string {
  const { language } = usePortalLanguage();
  return (amountCents) => formatMoney(amountCents, language);
}

/** What someone typed as euros (`1.250,50`, `€ 12`) as cents in the portal's language, or undefined. */
export function useParseMoney(): (input: string) => number | undefined {
  const { language } = usePortalLanguage();
  return (input) => parseMoney(input, language);
}

/** A calendar date (`2027-12-31`) in words: "31 december 2027". */
export function useDate(): (isoDate: string) => string {
  const { language } = usePortalLanguage();
  return (isoDate) => formatDate(isoDate, language);
}

/** The day of a timestamp as it was in the Netherlands, in words. */
export function useDay(): (timestamp: string) => string {
  const { language } = usePortalLanguage();
  return (timestamp) => formatDay(timestamp, language);
}

/** Today's date in the Netherlands as `YYYY-MM-DD`, the default of date fields. */
export function todayInNetherlands(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}
