/** A BSN is exactly nine digits. */
const bsnPattern = /^[0-9]{9}$/;

/**
 * True when `value` is a BSN that passes the elfproef (the Dutch "eleven test"):
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be a multiple of 11, and the number may not be all zeros.
 */
export function isValidBsn(value: string): boolean {
  if (!bsnPattern.test(value)) return false;
  if (value === '000000000') return false;
  let sum = 0;
  for (let index = 0; index < 8; index += 1) {
    sum += Number(value[index]) * (9 - index);
  }
  sum -= Number(value[8]);
  return sum % 11 === 0;
}

/** What a masked BSN looks like in a log line or an error message. */
export const bsnMask = '*********';

/**
 * Nine digits that stand on their own: not part of a longer number, a word or an id. Inside a
 * UUID or a hash a run of nine digits is noise, and masking it would garble the id.
 */
const standaloneNineDigits = /(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g;

/**
 * Replaces every stand-alone nine-digit number in `text` that passes the elfproef with
 * {@link bsnMask}. For text that may quote what a caller sent (parser errors, validation
 * messages) on its way to a log line or a response: a BSN is never written there.
 */
export function maskBsns(text: string): string {
  return text.replace(standaloneNineDigits, (digits) => (isValidBsn(digits) ? bsnMask : digits));
}
