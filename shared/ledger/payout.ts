import { type Claim, toPaid } from './claim.ts';
import { limits } from './limits.ts';
import { assertCents, sumCents } from './money.ts';
import type { Payout, Provider } from './provider.ts';
import type { PayableChange } from './transfer.ts';

/**
 * Payouts pay providers what their captured claims took. In the ledger a payout is one posted
 * transfer from the provider's payable account to the payout clearing account (money that has
 * left for the provider's bank); the claims it pays move from `captured` to `paid` in the same
 * transaction, each only while it is still `captured`, so no claim is ever paid twice.
 */

/** One shard of a provider's payable account, as stored. */
export interface PayableShard {
  readonly shard: number;
  readonly balanceCents: number;
}

/** Everything one payout writes, decided before the first write. */
export interface PayoutPlan {
  readonly payout: Payout;
  /** Each claim as it will be stored: `paid`, naming the payout. */
  readonly claims: readonly Claim[];
  /** Takes the payout's amount from the payable shards; each change keeps its shard at or above zero. */
  readonly payableChanges: readonly PayableChange[];
}

/** What {@link planPayout} needs: fresh reads of the provider, its claims and its payable shards. */
export interface PayoutRequest {
  readonly payoutId: string;
  readonly provider: Provider;
  /** Captured claims of this provider, as just read. */
  readonly claims: readonly Claim[];
  /** The provider's payable shards, read after the claims. */
  readonly payableShards: readonly PayableShard[];
  readonly at: string;
}

/**
 * Plans the payout of captured claims to their provider, or undefined when the payable shards
 * hold less than the claims took. That happens only when another payout paid some of these claims
 * between the two reads; the caller reads both again.
 *
 * The amount is taken from the fullest shards first, so a payout touches as few shards as it can.
 */
export function planPayout(request: PayoutRequest): PayoutPlan | undefined {
  const { payoutId, provider, claims, payableShards, at } = request;
  if (claims.length === 0 || claims.length > limits.claimsPerPayoutMax) {
    throw new Error(`planPayout: a payout pays 1 to ${limits.claimsPerPayoutMax} claims, got ${claims.length}`);
  }
  if (new Set(claims.map((claim) => claim.claimId)).size !== claims.length)
    throw new Error('planPayout: a claim is listed twice');
  for (const claim of claims) {
    if (claim.providerId !== provider.providerId)
      throw new Error(`planPayout: claim ${claim.claimId} belongs to another provider`);
    const captured = claim.capturedCents ?? 0;
    assertCents(captured, `capturedCents of ${claim.claimId}`);
    if (captured <= 0) throw new Error(`planPayout: claim ${claim.claimId} captured nothing`);
  }
  const amountCents = sumCents(claims.map((claim) => claim.capturedCents ?? 0));
  // Each claim is moved to `paid` by the claim's own transition, which also refuses any claim that is
  // not captured; the caller passes only claims it read as captured, so a refusal here is a bug.
  const now = new Date(at);
  const paidClaims = claims.map((claim) => {
    const paid = toPaid(claim, now, { payoutId });
    if (!paid.ok) throw new Error(`planPayout: claim ${claim.claimId}: ${paid.detail}`);
    return paid.value;
  });

  let left = amountCents;
  const payableChanges: PayableChange[] = [];
  const fullestFirst = [...payableShards].sort((a, b) => b.balanceCents - a.balanceCents || a.shard - b.shard);
  for (const shard of fullestFirst) {
    if (left === 0) break;
    const taken = Math.min(left, shard.balanceCents);
    if (taken <= 0) break;
    payableChanges.push({ providerId: provider.providerId, shard: shard.shard, balanceDeltaCents: -taken });
    left -= taken;
  }
  if (left > 0) return undefined;

  const claimIds = claims.map((claim) => claim.claimId);
  const payout = {
    payoutId,
    providerId: provider.providerId,
    amountCents,
    claimIds,
    createdAt: at,
    providerName: provider.name,
    iban: provider.iban,
  };
  return { payout, claims: paidClaims, payableChanges };
}

/** Crashes when a payout plan does not balance: the payable shards must lose exactly what the payout pays. */
export function assertPayoutBalanced(plan: PayoutPlan): void {
  const taken = -sumCents(plan.payableChanges.map((change) => change.balanceDeltaCents));
  const claimed = sumCents(plan.claims.map((claim) => claim.capturedCents ?? 0));
  if (taken !== plan.payout.amountCents || claimed !== plan.payout.amountCents) {
    throw new Error(
      `payout ${plan.payout.payoutId} does not balance: ` +
        `pays ${plan.payout.amountCents}, takes ${taken}, claims ${claimed}`,
    );
  }
  if (plan.payableChanges.some((change) => change.balanceDeltaCents >= 0))
    throw new Error(`payout ${plan.payout.payoutId} adds to a payable shard`);
}

/** One credit transfer in a SEPA file: a payout, with the remittance text the provider's bank shows. */
export interface PayoutFileEntry {
  readonly payoutId: string;
  readonly providerId: string;
  /** With the provider id, locates the payout record. */
  readonly payoutCreatedAt: string;
  readonly providerName: string;
  readonly iban: string;
  readonly amountCents: number;
  readonly remittance: string;
}

/**
 * A SEPA credit transfer file, recorded before it is written. Once recorded, its payouts belong to
 * it for good, and its content follows from the record alone, so writing it again after a crash
 * gives the same file.
 */
export interface PayoutFile {
  readonly fileId: string;
  readonly createdAt: string;
  readonly entries: readonly PayoutFileEntry[];
  readonly controlSumCents: number;
}

/** Puts payouts (1 to `payoutsPerFileMax`) in one file, oldest first. */
export function planPayoutFile(fileId: string, payouts: readonly Payout[], at: string): PayoutFile {
  if (payouts.length === 0 || payouts.length > limits.payoutsPerFileMax) {
    throw new Error(`planPayoutFile: a file holds 1 to ${limits.payoutsPerFileMax} payouts, got ${payouts.length}`);
  }
  if (payouts.some((payout) => payout.fileId !== undefined))
    throw new Error('planPayoutFile: a payout is already in a file');
  const ordered = [...payouts].sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.payoutId, b.payoutId));
  return {
    fileId,
    createdAt: at,
    entries: ordered.map(payoutFileEntry),
    controlSumCents: sumCents(ordered.map((payout) => payout.amountCents)),
  };
}

/** The credit transfer a payout becomes in a file. */
export function payoutFileEntry(payout: Payout): PayoutFileEntry {
  return {
    payoutId: payout.payoutId,
    providerId: payout.providerId,
    payoutCreatedAt: payout.createdAt,
    providerName: payout.providerName,
    iban: payout.iban,
    amountCents: payout.amountCents,
    remittance: remittanceFor(payout),
  };
}

/**
 * The remittance text of a payout: the payout id and as many claim ids as fit in SEPA's 140
 * characters, then how many more there are. The full list is in `GET /v1/payouts`.
 */
export function remittanceFor(payout: Pick<Payout, 'payoutId' | 'claimIds'>): string {
  const head = `Leerrekening ${payout.payoutId} claims`;
  const ids = [...payout.claimIds];
  for (let shown = ids.length; shown >= 0; shown -= 1) {
    const rest = ids.length - shown;
    const text = `${head} ${ids.slice(0, shown).join(' ')}${rest > 0 ? ` +${rest} more` : ''}`
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length <= limits.remittanceLengthMax) return text;
  }
  throw new Error(`remittanceFor: payout id ${payout.payoutId} is too long for the remittance text`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
