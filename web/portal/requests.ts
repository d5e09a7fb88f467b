/**
 * What a form needs to move money safely, and to hand data to people as a file (its CSV text is
 * written by `csv-text.ts`, which has no browser code, so the unit tests run it in Node).
 */
export { outcomeUnknown } from '../src/api-errors.ts';

/**
 * A new `Idempotency-Key` for one action someone takes (one deposit confirmed with "Ja, stort het
 * geld"). A form keeps its key until the answer arrives, so a retry after a network failure never
 * moves money twice; it makes a new one for the next action.
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
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
