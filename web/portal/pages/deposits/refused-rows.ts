import { toCsv } from '../../csv-text.ts';
import { csvRecords } from './csv-records.ts';

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
