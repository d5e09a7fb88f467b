import { addDays } from './dates.ts';
import { isExpired, type Pot } from './pot.ts';
import type { FunderType } from './scheme.ts';

/** How many days ahead a citizen is warned that money will expire. */
export const expiryWarningDays = 90;

const payOrder: Record<FunderType, number> = { employer: 0, sector: 1, public: 2 };

export interface AccountOverview {
  readonly availableCents: number;
  readonly reservedCents: number;
  /** Pots that still hold money, the one that expires first first. */
  readonly pots: ReadonlyArray<Pot & { readonly expiringSoon: boolean }>;
}

/**
 * A person's balance overview: the pots that still hold money in the order they would pay
 * (first to expire first; at equal expiry employer, then sector, then public), and the totals.
 * Money in a pot whose date has passed but that the expiry job has not yet moved is not counted
 * as available: it can no longer be spent.
 */
export function accountOverview(pots: readonly Pot[], today: string): AccountOverview {
  const warnFrom = addDays(today, expiryWarningDays);
  const holding = pots
    .filter((pot) => pot.availableCents > 0 || pot.reservedCents > 0)
    .sort(
      (a, b) =>
        (a.expiresAt ?? '9999-12-31').localeCompare(b.expiresAt ?? '9999-12-31') ||
        payOrder[a.funder.type] - payOrder[b.funder.type] ||
        a.potId.localeCompare(b.potId),
    )
    .map((pot) => ({ ...pot, expiringSoon: pot.expiresAt !== undefined && pot.expiresAt <= warnFrom }));
  return {
    availableCents: holding.reduce((total, pot) => total + (isExpired(pot, today) ? 0 : pot.availableCents), 0),
    reservedCents: holding.reduce((total, pot) => total + pot.reservedCents, 0),
    pots: holding,
  };
}
