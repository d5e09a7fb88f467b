/**
 * Where SEPA payout files go: a folder locally, an S3 bucket in AWS. A file's name is derived from
 * its record and its content never changes, so writing is "create if absent": a second write of
 * the same file (a re-run after a crash, or two runs at once) finds it there and leaves it alone.
 */
export interface PayoutFileStore {
  /**
   * Creates the file `name` with `content`, atomically: a reader sees all of it or nothing.
   *
   * @returns `written` when this call created it, `exists` when a file of that name was already there.
   */
  put(name: string, content: string): Promise<'written' | 'exists'>;
}

/** The name of a payout file: its day first, so a listing reads in order. */
export function payoutFileName(file: { readonly fileId: string; readonly createdAt: string }): string {
  return `${file.createdAt.slice(0, 10)}/${file.fileId}.pain.001.001.09.xml`;
}
