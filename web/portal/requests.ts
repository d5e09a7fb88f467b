/**
 * What a form needs to move money safely, and to hand data to people as a file.
 */

/**
 * A new `Idempotency-Key` for one action someone takes (one press of "Storten"). A form keeps its
 * key until the answer arrives, so a retry after a network failure never moves money twice; it
 * makes a new one for the next action.
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** One CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text (RFC 4180, CRLF line ends), the header first. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Lets the browser save `text` as a file named `fileName`, without a round trip to a server. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the object URL is only needed for that.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
