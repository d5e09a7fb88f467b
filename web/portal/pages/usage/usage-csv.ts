import { toCsv } from '../../csv-text.ts';
import type { PortalMessages } from '../../i18n/nl.ts';
import { type UsageItem, usageFlows } from './usage-flows.ts';

/**
 * The report as CSV: a scheme a row, amounts in whole cents as everywhere in Leerrekening's files
 * (exact, and read the same by every spreadsheet whatever its language), `persons` empty when
 * fewer than 10 (the API's `null`).
 */
export function usageCsv(items: readonly UsageItem[], texts: PortalMessages['usage']): string {
  return toCsv(
    [
      texts.csvColumns.schemeId,
      texts.csvColumns.label,
      ...usageFlows.map((flow) => texts.csvColumns.cents(texts.flows[flow])),
      texts.csvColumns.persons,
    ],
    items.map((item) => [
      item.schemeId,
      item.label,
      ...usageFlows.map((flow) => item[flow]),
      item.persons === null ? '' : item.persons,
    ]),
  );
}
