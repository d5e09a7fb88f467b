import { describe, expect, it } from 'vitest';
import { claimLinksMax, visibleClaims } from '../../../web/portal/pages/payouts/visible-claims.ts';

const claims = (count: number) => Array.from({ length: count }, (_, index) => `claim-${index + 1}`);

describe('visibleClaims: which of a payout’s claims its row shows as links', () => {
  it('shows them all, and hides none, up to five', () => {
    expect(claimLinksMax).toBe(5);
    expect(visibleClaims([])).toEqual({ shown: [], hidden: [] });
    expect(visibleClaims(claims(1))).toEqual({ shown: ['claim-1'], hidden: [] });
    expect(visibleClaims(claims(5))).toEqual({ shown: claims(5), hidden: [] });
  });

  it('shows the first five in their order and keeps the rest for "and N more claims"', () => {
    expect(visibleClaims(claims(6))).toEqual({ shown: claims(5), hidden: ['claim-6'] });
    const { shown, hidden } = visibleClaims(claims(80));
    expect(shown).toEqual(claims(5));
    expect(hidden).toHaveLength(75);
    expect([...shown, ...hidden]).toEqual(claims(80));
  });

  it('takes another maximum, and a nonsensical one as none shown', () => {
    expect(visibleClaims(claims(3), 2)).toEqual({ shown: ['claim-1', 'claim-2'], hidden: ['claim-3'] });
    expect(visibleClaims(claims(2), 0)).toEqual({ shown: [], hidden: claims(2) });
    expect(visibleClaims(claims(2), -1)).toEqual({ shown: [], hidden: claims(2) });
  });
});
