import { InvalidCursorError } from './ledger-store.ts';

/** DynamoDB's own limit on a sort key, in bytes of UTF-8. */
const sortKeyBytesMax = 1024;

/**
 * Cursors carry only the sort key of the last item, never the partition key: the partition comes
 * from the caller's identity, so a crafted cursor cannot open someone else's list.
 */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ sk: sortKey }), 'utf8').toString('base64url');
}

/** Decodes a cursor and checks that it points into the list with `prefix`. */
export function decodeCursor(cursor: string, prefix: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null || !('sk' in parsed)) throw new InvalidCursorError();
  const sortKey = (parsed as { sk: unknown }).sk;
  // DynamoDB limits a sort key to 1,024 bytes of UTF-8, and a key holding half of a UTF-16 pair
  // cannot be UTF-8 at all: either would fail there as a 500.
  if (
    typeof sortKey !== 'string' ||
    !sortKey.startsWith(prefix) ||
    Buffer.byteLength(sortKey, 'utf8') > sortKeyBytesMax ||
    hasLoneSurrogate(sortKey)
  )
    throw new InvalidCursorError();
  return sortKey;
}

/** Whether a string holds half of a UTF-16 pair. */
function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
