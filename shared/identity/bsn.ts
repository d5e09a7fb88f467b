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
 * Characters that may stand between the digit groups of a written BSN (`999.990.019`,
 * `999 99 0019`, `999-990-019`): full stops, white space and dashes, at most three in a row
 * (`999 - 990 - 019`). Matched after NFKC normalisation, which turns a no-break space into a space.
 */
const groupSeparators = /^[.\s\p{Pd}]{1,3}$/u;

/** Runs of ASCII digits; NFKC normalisation has turned full-width and other compatibility digits into these. */
const digitRuns = /[0-9]+/g;

/** Where a BSN was found in the NFKC-normalised text. */
interface BsnSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The BSNs written in `normalised` text, in any spelling the API refuses. The rule:
 *
 * 1. The text is NFKC-normalised first (the caller does that), so full-width (`９`) and other
 *    compatibility digits count as digits.
 * 2. Runs of digits are split by anything else; a letter does not protect a BSN
 *    (`abc999990019xyz` holds one).
 * 3. Runs separated by one to three separator characters ({@link groupSeparators}) are groups of
 *    one number. Any consecutive groups that hold exactly nine digits together and pass the elfproef
 *    are a BSN: `999.990.019`, `999 99 0019`, and also the tail of `12 999990019`.
 * 4. A single run of more than nine digits is a longer number, not a BSN with something glued on.
 * 5. Hexadecimal ids are not text: a run of nine digits inside a word of hex digits only
 *    (`f380667538be`, the last group of a UUID) does not count, and neither do groups joined by
 *    separators with a letter glued to an outer end (`…-9999-9001-9abc-…`). Otherwise about one
 *    random UUID in a thousand would be refused, and UUIDs are what clients send as
 *    Idempotency-Key. The price: `abc999990019def` and `x999.990.019` are not refused.
 *
 * So ordinary text rarely trips it: dates, times, amounts, phone numbers, IBANs and KvK numbers do
 * not make nine digits out of whole groups, and nine digits that do still pass the elfproef only
 * one time in eleven.
 */
function findBsns(normalised: string): BsnSpan[] {
  const runs = [...normalised.matchAll(digitRuns)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    digits: match[0],
  }));
  const found: BsnSpan[] = [];
  for (let first = 0; first < runs.length; first += 1) {
    let digits = '';
    for (let last = first; last < runs.length; last += 1) {
      const run = runs[last];
      if (run === undefined) break;
      const previous = runs[last - 1];
      if (last > first && previous !== undefined && !groupSeparators.test(normalised.slice(previous.end, run.start))) {
        break;
      }
      digits += run.digits;
      if (digits.length >= 9) {
        const start = runs[first]?.start ?? run.start;
        const grouped = last > first;
        const glued = letterAt(normalised, start - 1) || letterAt(normalised, run.end);
        const partOfId = glued && (grouped || isHexWord(wordAround(normalised, start, run.end)));
        if (digits.length === 9 && !partOfId && isValidBsn(digits)) found.push({ start, end: run.end });
        break;
      }
    }
  }
  return found;
}

/** The word (letters and digits of the Latin alphabet) that the span from `start` to `end` is part of. */
function wordAround(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && /[0-9A-Za-z]/.test(text.charAt(from - 1))) from -= 1;
  while (to < text.length && /[0-9A-Za-z]/.test(text.charAt(to))) to += 1;
  return text.slice(from, to);
}

/** A word of hexadecimal digits only, in one case: a UUID's group, a hash. */
function isHexWord(word: string): boolean {
  return /^[0-9a-f]+$/.test(word) || /^[0-9A-F]+$/.test(word);
}

/** True when the character at `index` is a letter; false outside the text. */
function letterAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && /\p{L}/u.test(text.charAt(index));
}

/**
 * True when `text` holds a BSN in any spelling {@link findBsns} knows. Free text and ids are
 * stored, shown, written to the audit trail and sometimes put in keys; a BSN never is.
 */
export function containsBsn(text: string): boolean {
  return findBsns(text.normalize('NFKC')).length > 0;
}

/**
 * Masks every BSN in `text` (see {@link findBsns}) with {@link bsnMask}. For text that may quote
 * what a caller sent (parser errors, validation messages) on its way to a log line or a response:
 * a BSN is never written there. Text without a BSN comes back unchanged; text with one comes back
 * NFKC-normalised, with each BSN and the separators inside it replaced.
 */
export function maskBsns(text: string): string {
  const normalised = text.normalize('NFKC');
  const found = findBsns(normalised);
  if (found.length === 0) return text;
  let masked = '';
  let from = 0;
  for (const span of found) {
    if (span.start < from) continue;
    masked += normalised.slice(from, span.start) + bsnMask;
    from = span.end;
  }
  return masked + normalised.slice(from);
}
