/**
 * Stream sequence numbers (DynamoDB Streams) are decimal strings of up to 40 digits, beyond what a
 * JavaScript number holds exactly, and may have leading zeros (DynamoDB Local pads them to 21
 * digits). Without leading zeros, the longer one is the larger; at equal length, the string order
 * is the number order.
 */

const sequenceNumberPattern = /^[0-9]{1,64}$/;

/** Negative when `a` comes before `b`, zero when equal, positive when after. */
export function compareSequenceNumbers(a: string, b: string): number {
  const [left, right] = [a, b].map((value) => {
    if (!sequenceNumberPattern.test(value)) throw new Error(`not a stream sequence number: ${value}`);
    return value.replace(/^0+(?=[0-9])/, '');
  }) as [string, string];
  if (left.length !== right.length) return left.length - right.length;
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
