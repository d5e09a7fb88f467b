import { dateOf } from './dates.ts';
import { limits } from './limits.ts';
import { countPersons, noPersons, type PersonCount, withPersons } from './person-count.ts';
import type { Transfer, TransferType } from './transfer.ts';

/**
 * What a funder's usage report counts: per scheme and Dutch calendar day, the money that flowed
 * and the persons who received a deposit. Never per person or per course: a day keeps sums and
 * a set of short person hashes only, and a period shows `persons` only from
 * `limits.usagePersonsShownMin` on.
 */

/** The flows a report shows, under their API names. */
export const usageFlowNames = ['deposited', 'reserved', 'released', 'spent', 'expired', 'returned'] as const;
export type UsageFlowName = (typeof usageFlowNames)[number];

/** Cents per flow. */
export type UsageFlows = Readonly<Record<UsageFlowName, number>>;

export const noFlows: UsageFlows = Object.freeze({
  deposited: 0,
  reserved: 0,
  released: 0,
  spent: 0,
  expired: 0,
  returned: 0,
});

/**
 * The flow a transfer counts as. A refund is money a provider gives back after a capture; the
 * report has no column for it, so it counts as nothing.
 */
export function flowOf(type: TransferType): UsageFlowName | undefined {
  switch (type) {
    case 'deposit':
      return 'deposited';
    case 'reservation':
      return 'reserved';
    case 'release':
      return 'released';
    case 'capture':
      return 'spent';
    case 'expiry':
      return 'expired';
    case 'revocation':
      return 'returned';
    case 'refund':
      return undefined;
  }
}

/** One scheme's day: which aggregate a transfer counts in. */
export interface UsageDayKey {
  readonly funderId: string;
  readonly schemeId: string;
  /** `YYYY-MM-DD`, the Dutch calendar date of the transfers counted. */
  readonly day: string;
}

/** What one scheme's day adds up to. */
export interface UsageDay extends UsageDayKey {
  readonly flowsCents: UsageFlows;
  /** The persons who received a deposit that day. */
  readonly persons: PersonCount;
}

/** One transfer as a usage aggregate counts it. */
export interface UsageEntry {
  readonly key: UsageDayKey;
  readonly flow: UsageFlowName;
  readonly amountCents: number;
  /** The short hash of the person, for deposits only (they are who `persons` counts). */
  readonly personHash?: string;
}

/**
 * The entry a transfer makes in its scheme's day, or undefined for a transfer the report does not
 * count. `personHashOf` turns a person id into its short hash (it needs a hash function, which the
 * domain does not import).
 */
export function usageEntryOf(transfer: Transfer, personHashOf: (personId: string) => string): UsageEntry | undefined {
  const flow = flowOf(transfer.type);
  if (flow === undefined) return undefined;
  if (!Number.isSafeInteger(transfer.amountCents) || transfer.amountCents <= 0) {
    throw new Error(`usage: transfer ${transfer.transferId} has a non-positive amount ${transfer.amountCents}`);
  }
  const at = new Date(transfer.at);
  if (Number.isNaN(at.getTime())) throw new Error(`usage: transfer ${transfer.transferId} has no valid time`);
  return {
    key: { funderId: transfer.funderId, schemeId: transfer.schemeId, day: dateOf(at) },
    flow,
    amountCents: transfer.amountCents,
    ...(flow === 'deposited' && { personHash: personHashOf(transfer.personId) }),
  };
}

/** The key's identity as one string, to group entries by the aggregate they go to. */
export function usageDayId(key: UsageDayKey): string {
  return JSON.stringify([key.funderId, key.schemeId, key.day]);
}

/** An empty day of a scheme. */
export function emptyUsageDay(key: UsageDayKey): UsageDay {
  return { funderId: key.funderId, schemeId: key.schemeId, day: key.day, flowsCents: noFlows, persons: noPersons };
}

/** The day with the entries added; every entry must belong to it. */
export function withUsageEntries(day: UsageDay, entries: readonly UsageEntry[]): UsageDay {
  const flows: Record<UsageFlowName, number> = { ...day.flowsCents };
  const hashes: string[] = [];
  const id = usageDayId(day);
  for (const entry of entries) {
    if (usageDayId(entry.key) !== id) throw new Error(`usage: an entry of ${usageDayId(entry.key)} reached ${id}`);
    flows[entry.flow] += entry.amountCents;
    if (entry.personHash !== undefined) hashes.push(entry.personHash);
  }
  return {
    ...day,
    flowsCents: flows,
    persons: hashes.length === 0 ? day.persons : withPersons(day.persons, hashes, limits.usageExactPersonsPerDayMax),
  };
}

/** A scheme's usage over a period, as the report shows it. */
export interface UsageOfPeriod {
  readonly flowsCents: UsageFlows;
  /** Distinct persons who received a deposit; null below `limits.usagePersonsShownMin`. */
  readonly persons: number | null;
}

/** Adds up a scheme's days of a period; no days is a period in which nothing moved. */
export function usageOfPeriod(days: readonly UsageDay[]): UsageOfPeriod {
  const flows: Record<UsageFlowName, number> = { ...noFlows };
  for (const day of days) {
    for (const name of usageFlowNames) flows[name] += day.flowsCents[name];
  }
  const { persons } = countPersons(days.map((day) => day.persons));
  return { flowsCents: flows, persons: persons < limits.usagePersonsShownMin ? null : persons };
}

/** How far the counting has come in one stream shard (see `StreamShardProgress` in the store). */
export interface ShardCompleteness {
  /** Every movement of the shard made up to this instant (ISO 8601) is counted. */
  readonly completeUpTo: string;
  /** The shard has ended and is counted to its end. */
  readonly closed: boolean;
  /** When this was noted (ISO 8601). */
  readonly updatedAt: string;
}

/**
 * Up to when a report built from the aggregates is complete: the least `completeUpTo` of the
 * shards that may still bring movements. A closed shard brings none; nor does one whose progress
 * was last noted longer ago than the stream keeps records (DynamoDB retires a shard after a few
 * hours, and the deployed aggregator is not told, so an old shard would otherwise hold the answer
 * back forever). When no shard may bring more, everything noted is complete: the latest
 * `completeUpTo`. Undefined when nothing was ever noted.
 */
export function usageAsOf(shards: readonly ShardCompleteness[], now: Date): string | undefined {
  const oldest = new Date(now.getTime() - limits.usageStreamRetentionHours * 3_600_000).toISOString();
  const open = shards.filter((shard) => !shard.closed && shard.updatedAt >= oldest);
  const considered = open.length > 0 ? open : shards;
  if (considered.length === 0) return undefined;
  const times = considered.map((shard) => shard.completeUpTo).sort();
  const asOf = open.length > 0 ? times[0] : times.at(-1);
  return asOf !== undefined && asOf > now.toISOString() ? now.toISOString() : asOf;
}
