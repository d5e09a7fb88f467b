import { toCsv } from '../../csv-text.ts';
import { csvRecords } from './csv-records.ts';

/** The last column the refused-rows download adds, in each of the portal's languages. */
export const reasonColumnNames = ['reden', 'reason'] as const;

/** A refused row as the portal lists it: its number among the data rows, and why in words. */
export interface RefusedRow {
  readonly row: number;
  readonly reason: string;
}

/**
 * The refused rows as a CSV file to fix and upload again. With the uploaded file's text: each
 * refused row as it was written, under the file's own header and with its own separator, and the
 * reason in a last column. Without it (another tab, or it was too large to keep): the row number
 * and the reason only.
 */
export function refusedRowsCsv(
  refused: readonly RefusedRow[],
  uploaded: string | undefined,
  columns: { readonly row: string; readonly reason: string },
): { csv: string; withOriginalRows: boolean } {
  const records = uploaded === undefined ? undefined : csvRecords(uploaded);
  if (records === undefined) {
    return {
      csv: toCsv(
        [columns.row, columns.reason],
        refused.map(({ row, reason }) => [row, reason]),
      ),
      withOriginalRows: false,
    };
  }
  const header = [...records.header];
  // A trailing separator names no column; the reason goes right after the named ones.
  while (header.length > 0 && header.at(-1)?.trim() === '') header.pop();
  const rows = refused.map(({ row, reason }) => {
    const cells = [...(records.rows[row - 1] ?? [])];
    while (cells.length > header.length && cells.at(-1)?.trim() === '') cells.pop();
    while (cells.length < header.length) cells.push('');
    return [...cells, reason];
  });
  return { csv: toCsv([...header, columns.reason], rows, records.separator), withOriginalRows: true };
}

/**
 * The refused-rows download fixed and uploaded again, without the reason column the portal added
 * (the API takes only its own columns, and would refuse the whole file for it). The text is written
 * back with the file's separator; every line stays, blank ones too, so row numbers stay the API's.
 * Undefined when the last named column is not a reason column, or the text cannot be read as CSV:
 * then the file is sent as it is.
 */
export function withoutReasonColumn(text: string): string | undefined {
  // Most files name no such column: their header line says so without reading the whole file.
  const headerLine = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (!reasonColumnNames.some((name) => headerLine.includes(name))) return undefined;
  const records = csvRecords(text);
  if (records === undefined) return undefined;
  const header = [...records.header];
  while (header.length > 0 && header.at(-1)?.trim() === '') header.pop();
  const last = header.length - 1;
  const name = header[last]?.trim().toLowerCase() ?? '';
  if (last < 1 || !(reasonColumnNames as readonly string[]).includes(name)) return undefined;
  // Only that one column goes: whatever else a line holds is for the API to judge, as it was written.
  const without = (cells: readonly string[]) => cells.filter((_, index) => index !== last);
  return toCsv(without(records.header), records.rows.map(without), records.separator);
}
