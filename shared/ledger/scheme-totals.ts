import { limits } from './limits.ts';

/** One shard of a scheme's funder total. Summing all shards gives the scheme's totals. */
export interface SchemeTotalShard {
  readonly shard: number;
  /** The funder account's balance in this shard (credits − debits, so ≤ 0 while money is out). */
  readonly balanceCents: number;
  readonly depositedCents: number;
  readonly returnedCents: number;
  readonly expiredCents: number;
  /** Set only for schemes with a budget. */
  readonly budgetRemainingCents?: number;
}

/**
 * Splits a scheme's budget over the shards: equal parts, the remainder on the first shards, so
 * the parts add up to the budget exactly.
 */
export function initialBudgetShards(budgetCents: number, shardCount: number = limits.schemeTotalShards): number[] {
  const base = Math.floor(budgetCents / shardCount);
  const remainder = budgetCents % shardCount;
  return Array.from({ length: shardCount }, (_, shard) => base + (shard < remainder ? 1 : 0));
}

/**
 * Takes `amountCents` from the remaining budget of the shards, starting at shard `start` and
 * wrapping around, so concurrent deposits that start at different shards rarely touch the same
 * item. Returns the parts per shard, or undefined when all shards together cannot cover it.
 */
export function takeFromBudgetShards(
  shards: readonly SchemeTotalShard[],
  amountCents: number,
  start: number,
): Array<{ shard: number; amountCents: number }> | undefined {
  const parts: Array<{ shard: number; amountCents: number }> = [];
  let left = amountCents;
  for (let step = 0; step < shards.length && left > 0; step += 1) {
    const shard = shards[(start + step) % shards.length];
    if (shard === undefined) continue;
    const take = Math.min(left, shard.budgetRemainingCents ?? 0);
    if (take > 0) {
      parts.push({ shard: shard.shard, amountCents: take });
      left -= take;
    }
  }
  return left === 0 ? parts : undefined;
}
