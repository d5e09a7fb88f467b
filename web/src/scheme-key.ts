/**
 * One key for a scheme: scheme ids are unique per funder only, so an employer's scheme may have
 * the same id as the public budget's. Pots, split parts and ledger entries name both, and the app
 * tells schemes apart by both.
 */
export function schemeKeyOf(scheme: { readonly funderId: string; readonly schemeId: string }): string {
  return `${scheme.funderId}#${scheme.schemeId}`;
}

/** Whether two things name the same scheme of the same funder. */
export function sameScheme(
  a: { readonly funderId: string; readonly schemeId: string },
  b: { readonly funderId: string; readonly schemeId: string },
): boolean {
  return a.funderId === b.funderId && a.schemeId === b.schemeId;
}
