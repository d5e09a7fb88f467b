/**
 * Stream sequence numbers (DynamoDB Streams) are decimal strings of up to 40 digits, beyond what a
 * JavaScript number holds exactly. Without leading zeros, the longer one is the larger; at equal
 * length, the string order is the number order.
 */

const sequenceNumberPattern = /^(0|[1-9][0-9]*)$/;

/** Negative when `a` comes before `b`, zero when equal, positive when after. */
export function compareSequenceNumbers(a: string, b: string): number {
  for (const value of [a, b]) {
    if (!sequenceNumberPattern.test(value)) throw new Error(`not a stream sequence number: ${value}`);
  }
  if (a.length !== b.length) return a.length - b.length;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
