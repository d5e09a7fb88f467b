/** CSV text as the portal writes it for people to open in a spreadsheet. */

/** One CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV text (RFC 4180, CRLF line ends), the header first. The separator is a comma unless
 * given: a file handed back to someone keeps the `;` their Dutch spreadsheet saved it with.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  separator: ',' | ';' = ',',
): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(separator)).join('\r\n')}\r\n`;
}
