import { isIsoDate } from '../../components/date-check.ts';

/* The audit trail's period: what the API allows (`GET /v1/admin/audit`), checked before asking. */

/** At most this many days, the first and last included (`limits.auditRangeDaysMax` on the server). */
export const auditDaysMax = 31;

const dayMs = 86_400_000;

/** A real calendar date written as `YYYY-MM-DD` (no 2026-02-30), as its UTC midnight in ms. */
function dayOf(text: string): number | undefined {
  return isIsoDate(text) ? Date.parse(`${text}T00:00:00Z`) : undefined;
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
