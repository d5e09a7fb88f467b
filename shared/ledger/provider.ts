import { limits } from './limits.ts';

/** An accredited training provider, registered by an operator. */
export interface Provider {
  readonly providerId: string;
  readonly name: string;
  readonly kvk: string;
  /** Where payouts go; validated (ISO 13616 checksum) at the edge. */
  readonly iban: string;
  /** A suspended provider can neither claim nor capture. */
  readonly status: 'active' | 'suspended';
  readonly updatedAt: string;
  /**
   * When the IBAN last changed after the provider was first registered; payouts wait until
   * {@link payoutsHeldUntil}. Absent when the IBAN is the one the provider was registered with.
   */
  readonly ibanChangedAt?: string;
}

/**
 * Until when payouts to a provider wait because its IBAN changed, or undefined when they need not
 * wait at `now`. A single auditor can change an IBAN; the change is in the audit trail at once
 * with old and new (masked), and during the hold another person can see it and undo it (or
 * suspend the provider) before any money goes to the new account.
 */
export function payoutsHeldUntil(provider: Pick<Provider, 'ibanChangedAt'>, now: Date): string | undefined {
  if (provider.ibanChangedAt === undefined) return undefined;
  const until = Date.parse(provider.ibanChangedAt) + limits.ibanChangeHoldHours * 3_600_000;
  return now.getTime() < until ? new Date(until).toISOString() : undefined;
}

/**
 * Whether payouts to a provider may be made at `now`: not while it is suspended, nor while a
 * change of its IBAN holds them ({@link payoutsHeldUntil}, given as `heldUntil`).
 */
export type Payability =
  | { readonly payable: true }
  | { readonly payable: false; readonly reason: 'suspended' }
  | { readonly payable: false; readonly reason: 'iban_changed'; readonly heldUntil: string };

/** Whether payouts to `provider` may be made at `now`; see {@link Payability}. */
export function payableAt(provider: Pick<Provider, 'status' | 'ibanChangedAt'>, now: Date): Payability {
  if (provider.status !== 'active') return { payable: false, reason: 'suspended' };
  const heldUntil = payoutsHeldUntil(provider, now);
  return heldUntil === undefined ? { payable: true } : { payable: false, reason: 'iban_changed', heldUntil };
}

/** A course a provider publishes; its price caps what a claim for it may ask. */
export interface Course {
  readonly providerId: string;
  readonly providerName: string;
  readonly courseId: string;
  readonly title: string;
  readonly category: string;
  readonly priceCents: number;
  readonly startDates?: readonly string[];
  readonly createdAt: string;
}

/**
 * Money paid to a provider's bank for captured claims, in one SEPA credit transfer. In the ledger it
 * is a posted transfer from the provider's payable account to the payout clearing account.
 */
export interface Payout {
  readonly payoutId: string;
  readonly providerId: string;
  readonly amountCents: number;
  readonly claimIds: readonly string[];
  readonly createdAt: string;
  /** The provider's name and IBAN when the payout was made: the bank is paid where the registration said then. */
  readonly providerName: string;
  readonly iban: string;
  /** Set once the payout is in a SEPA file; until then the payouts job puts it in the next one. */
  readonly fileId?: string;
}
