import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's billing arithmetic, written down so the benchmark can say what a request costs in
 * AWS even where DynamoDB Local reports something else. Sizes follow the developer guide's
 * "Item sizes and formats"; capacity follows "Read/write capacity mode" and "Transactions:
 * capacity management".
 */

/** A write unit covers up to 1 KB of item. */
export const writeUnitBytes = 1024;

/** A read unit covers up to 4 KB of item (a whole Query result counts as one read). */
export const readUnitBytes = 4096;

/** A transactional write costs twice a standard write: prepare and commit. */
const transactionalWriteFactor = 2;

/** Bytes a List or Map costs before its contents. */
const containerOverheadBytes = 3;

/** Bytes per element of a List or Map, on top of the element itself (DynamoDB's older, still conservative rule). */
const containerElementBytes = 1;

const utf8 = new TextEncoder();

/** Approximate stored size of an item in bytes: attribute names plus values. */
export function itemSizeBytes(item: Record<string, AttributeValue>): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) total += utf8.encode(name).length + valueSizeBytes(value);
  return total;
}

function valueSizeBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8.encode(value.S).length;
  if (value.N !== undefined) return numberSizeBytes(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, entry) => sum + utf8.encode(entry).length, 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, entry) => sum + numberSizeBytes(entry), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, entry) => sum + entry.length, 0);
  if (value.L !== undefined) {
    return value.L.reduce((sum, entry) => sum + containerElementBytes + valueSizeBytes(entry), containerOverheadBytes);
  }
  if (value.M !== undefined) {
    return Object.entries(value.M).reduce(
      (sum, [name, entry]) => sum + containerElementBytes + utf8.encode(name).length + valueSizeBytes(entry),
      containerOverheadBytes,
    );
  }
  throw new Error(`itemSizeBytes: unknown attribute value ${JSON.stringify(value)}`);
}

/** One byte per two significant digits, plus one; leading and trailing zeros are not stored. */
function numberSizeBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(digits.length / 2) + 1;
}

/** Write units of one item in a `TransactWriteItems`: 2 per started KB. */
export function transactionalWriteUnits(sizeBytes: number): number {
  return transactionalWriteFactor * Math.max(1, Math.ceil(sizeBytes / writeUnitBytes));
}

/** Read units of a strongly consistent Query or GetItem returning `sizeBytes` in total: 1 per started 4 KB. */
export function consistentReadUnits(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / readUnitBytes));
}
