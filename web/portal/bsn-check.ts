/**
 * The portal's own check of a typed BSN, so a typo is caught before anything is sent. The API checks
 * again (`shared/identity/bsn.ts`); the web apps take only types from the server side, so this
 * small check is written here rather than bundled from there.
 */

/** Why a typed BSN cannot be one, or undefined when it can. */
export type BsnProblem = 'empty' | 'digits' | 'elfproef';

/** The digits of a BSN as people write it: `999.990.019` and `999 99 0019` are `999990019`. */
export function bsnDigits(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/**
 * Whether `input` can be a BSN: nine digits that pass the elfproef (eleven test):
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not all zeros.
 */
export function bsnProblem(input: string): BsnProblem | undefined {
  const digits = bsnDigits(input);
  if (digits === '') return 'empty';
  if (!/^[0-9]{9}$/.test(digits)) return 'digits';
  if (digits === '000000000') return 'elfproef';
  let sum = 0;
  for (let index = 0; index < 8; index += 1) sum += Number(digits[index]) * (9 - index);
  sum -= Number(digits[8]);
  return sum % 11 === 0 ? undefined : 'elfproef';
}
