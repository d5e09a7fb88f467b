/**
 * Money is integer euro cents everywhere: in the API, in storage and in code. A float never holds
 * money. These helpers are the only place that turns cents into text.
 */

/** True when `value` is a whole number of cents that arithmetic keeps exact. */
export function isCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Crashes on a non-integer amount: reaching this with one is a programming error, not bad input. */
export function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be a safe integer number of cents, got ${value}`);
}

/** Adds amounts of cents, crashing instead of silently losing precision. */
export function sumCents(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    assertCents(value, 'amount');
    total += value;
  }
  assertCents(total, 'sum');
  return total;
}

/** Formats cents as euros for plain-language descriptions, e.g. 125000 → "€ 1.250,00" in Dutch. */
export function formatEuros(amountCents: number, locale: 'nl' | 'en' = 'nl'): string {
  assertCents(amountCents, 'amountCents');
  const negative = amountCents < 0;
  const absolute = Math.abs(amountCents);
  const euros = Math.floor(absolute / 100).toString();
  const cents = (absolute % 100).toString().padStart(2, '0');
  const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'nl' ? '.' : ',');
  const text = locale === 'nl' ? `€ ${grouped},${cents}` : `€${grouped}.${cents}`;
  return negative ? `-${text}` : text;
}
