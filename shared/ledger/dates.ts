/**
 * Calendar dates (`YYYY-MM-DD`) in the Europe/Amsterdam sense are compared as strings; all
 * arithmetic happens in UTC so that a date never shifts with the machine's time zone.
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
  const lastDay = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(year, targetMonthIndex, Math.min(day, lastDay)));
  return result.toISOString().slice(0, 10);
}

/** Adds whole days to a date (negative to go back). */
export function addDays(date: string, days: number): string {
  const result = new Date(`${date}T00:00:00Z`);
  result.setUTCDate(result.getUTCDate() + days);
  return result.toISOString().slice(0, 10);
}
