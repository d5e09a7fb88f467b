import type { UsageReport } from '../../../../shared/api/views.ts';

export type UsageItem = UsageReport['items'][number];

/** The flows of a usage report, in the order money goes: in, held, spent, back, gone, returned. */
export const usageFlows = ['deposited', 'reserved', 'spent', 'released', 'expired', 'returned'] as const;
export type UsageFlow = (typeof usageFlows)[number];

/** The largest flow in the report: the chart's scale. */
export function largestFlow(items: readonly UsageItem[]): number {
  return items.reduce((largest, item) => Math.max(largest, ...usageFlows.map((flow) => item[flow])), 0);
}

/**
 * The length of a bar for `value` when `largest` fills `width`. A flow above zero is never
 * drawn thinner than `minimum`, so a small amount is still seen as an amount and not as nothing.
 */
export function barLength(value: number, largest: number, width: number, minimum = 2): number {
  if (value <= 0 || largest <= 0) return 0;
  return Math.max(minimum, (value / largest) * width);
}

/** The default period: this calendar year up to today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** Days from `from` to `to` (dates as `YYYY-MM-DD`), counted as the API counts them. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The API's longest period (`GET /v1/reports/usage`: at most 366 days apart). */
export const usagePeriodDaysMax = 366;
