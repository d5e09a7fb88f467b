/** How many claim links a payout's row shows before it folds the rest away. */
export const claimLinksMax = 5;

/**
 * A payout's claims split into the first `max`, which its row shows as links, and the rest, which
 * the row folds away behind "and N more claims": a large provider's payout can hold thousands.
 */
export function visibleClaims(
  claims: readonly string[],
  max: number = claimLinksMax,
): { shown: readonly string[]; hidden: readonly string[] } {
  const count = Math.max(0, Math.floor(max));
  return { shown: claims.slice(0, count), hidden: claims.slice(count) };
}
