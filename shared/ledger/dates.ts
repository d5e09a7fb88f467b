/**
 * Calendar dates (`YYYY-MM-DD`) in the Europe/Amsterdam sense are compared as strings; all
 * arithmetic happens in UTC so that a date never shifts with the machine's time zone.
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a calendar day starts in UTC. Not `Date.UTC`, which reads the years 0–99 as
 * 1900–1999: `setUTCFullYear` takes the year as it is.
 */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30; 0050-06-01 is real, if out of range). */
export function isIsoDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = utcDay(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The range every date in the API lies in, both ends included (see `limits.dateMin` and `dateMax`). */
export function isWithinRange(date: string, range: { readonly min: string; readonly max: string }): boolean {
  return date >= range.min && date <= range.max;
}

/** The calendar date of an instant, as the Netherlands sees it. */
export function dateOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/**
 * Adds whole months to a date. A day that does not exist in the target month becomes that
 * month's last day (31 January + 1 month = 28 or 29 February), so money never expires later
 * than promised.
 */
export function addMonths(date: string, months: number): string {
  const match = datePattern.exec(date);
  if (!match) throw new Error(`addMonths: not a date: ${date}`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const targetMonthIndex = month - 1 + months;
  const lastDay = utcDay(year, targetMonthIndex + 1, 0).getUTCDate();
  return utcDay(year, targetMonthIndex, Math.min(day, lastDay)).toISOString().slice(0, 10);
}

/** Adds whole days to a date (negative to go back). */
export function addDays(date: string, days: number): string {
  const result = new Date(`${date}T00:00:00Z`);
  result.setUTCDate(result.getUTCDate() + days);
  return result.toISOString().slice(0, 10);
}
