/** The audit trail's period: what the API allows (`GET /v1/admin/audit`), checked before asking. */

/** At most this many days, the first and last included (`limits.auditRangeDaysMax` on the server). */
export const auditDaysMax = 31;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

/** A real calendar date written as `YYYY-MM-DD` (no 2026-02-30), as its UTC midnight in ms. */
function dayOf(text: string): number | undefined {
  if (!isoDatePattern.test(text)) return undefined;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text ? undefined : time;
}

export type PeriodProblem = 'from' | 'to' | 'order' | 'tooLong';

/** What is wrong with a period, or undefined when the API will take it. */
export function periodProblem(from: string, to: string): PeriodProblem | undefined {
  const first = dayOf(from);
  if (first === undefined) return 'from';
  const last = dayOf(to);
  if (last === undefined) return 'to';
  if (last < first) return 'order';
  // Both are UTC midnights, so the difference is a whole number of days.
  return (last - first) / dayMs + 1 > auditDaysMax ? 'tooLong' : undefined;
}
