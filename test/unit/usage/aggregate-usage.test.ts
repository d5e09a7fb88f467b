import { describe, expect, it } from 'vitest';
import { aggregateUsage } from '../../../functions/usage-aggregator/use-case.ts';
import type { Transfer, TransferType } from '../../../shared/ledger/transfer.ts';
import { usageOfPeriod } from '../../../shared/ledger/usage.ts';
import { MemoryUsageStore } from '../../../shared/store/memory/usage-store.ts';
import type { UsageStreamRecord } from '../../../shared/store/usage-store.ts';

const now = new Date('2026-05-20T12:00:00.000Z');
const noWait = { wait: async () => {} };

function transfer(type: TransferType, amountCents: number, personId: string, schemeId = 'ontwikkelbudget'): Transfer {
  return {
    transferId: `tx-${personId}-${type}`,
    type,
    at: '2026-05-20T10:00:00.000Z',
    amountCents,
    debitAccount: 'a',
    creditAccount: 'b',
    personId,
    potId: 'pot',
    schemeId,
    funderId: 'ocw',
    availableEffectCents: amountCents,
    description: 'test',
  };
}

/** Records 1001, 1002, … each depositing `amountCents` to its own person. */
function deposits(count: number, amountCents = 100): UsageStreamRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    sequenceNumber: String(1001 + index),
    createdAtSeconds: now.getTime() / 1000 - 60 + index,
    transfers: [transfer('deposit', amountCents, `person-${index}`)],
  }));
}

async function totals(store: MemoryUsageStore, schemeId = 'ontwikkelbudget') {
  return usageOfPeriod(await store.listUsageDays('ocw', schemeId, { from: '2026-05-01', to: '2026-05-31' }));
}

describe('aggregateUsage', () => {
  it('counts each record of a batch in its scheme’s day, and notes the shard’s progress', async () => {
    const store = new MemoryUsageStore();
    const records = deposits(12);
    const result = await aggregateUsage({ store, now: () => now }, { shardId: 'shard-1', records });
    expect(result).toEqual({ written: 1 });
    expect(await totals(store)).toEqual({
      flowsCents: { deposited: 1_200, reserved: 0, released: 0, spent: 0, expired: 0, returned: 0 },
      persons: 12,
    });
    const last = records.at(-1)!;
    expect(await store.getStreamProgress('shard-1')).toEqual({
      shardId: 'shard-1',
      completeUpTo: new Date(last.createdAtSeconds * 1000 - 1).toISOString(),
      lastSequenceNumber: last.sequenceNumber,
      closed: false,
      updatedAt: now.toISOString(),
    });
  });

  it('counts a replayed batch once', async () => {
    const store = new MemoryUsageStore();
    const batch = { shardId: 'shard-1', records: deposits(3) };
    await aggregateUsage({ store, now: () => now }, batch);
    const again = await aggregateUsage({ store, now: () => now }, batch);
    expect(again).toEqual({ written: 0 });
    expect((await totals(store)).flowsCents.deposited).toBe(300);
  });

  it('counts each record once when a redelivery splits the batches differently', async () => {
    const store = new MemoryUsageStore();
    const records = deposits(10);
    await aggregateUsage({ store, now: () => now }, { shardId: 'shard-1', records: records.slice(0, 4) });
    await aggregateUsage({ store, now: () => now }, { shardId: 'shard-1', records: records.slice(2, 7) });
    await aggregateUsage({ store, now: () => now }, { shardId: 'shard-1', records });
    expect((await totals(store)).flowsCents.deposited).toBe(1_000);
  });

  it('keeps marks per shard: the same sequence number in another shard is another record', async () => {
    const store = new MemoryUsageStore();
    await aggregateUsage({ store, now: () => now }, { shardId: 'shard-1', records: deposits(2) });
    await aggregateUsage({ store, now: () => now }, { shardId: 'shard-2', records: deposits(2) });
    expect((await totals(store)).flowsCents.deposited).toBe(400);
  });

  it('splits one movement over the schemes it touches, and skips what the report does not count', async () => {
    const store = new MemoryUsageStore();
    const approval: UsageStreamRecord = {
      sequenceNumber: '5',
      createdAtSeconds: now.getTime() / 1000,
      transfers: [
        transfer('reservation', 300, 'p', 'ontwikkelbudget'),
        transfer('reservation', 200, 'p', 'techniek'),
        transfer('refund', 50, 'p', 'techniek'),
      ],
    };
    const notAMovement: UsageStreamRecord = { sequenceNumber: '6', createdAtSeconds: 0, transfers: [] };
    const result = await aggregateUsage({ store, now: () => now }, { shardId: 's', records: [approval, notAMovement] });
    expect(result.written).toBe(2);
    expect((await totals(store, 'ontwikkelbudget')).flowsCents.reserved).toBe(300);
    expect((await totals(store, 'techniek')).flowsCents).toEqual({
      deposited: 0,
      reserved: 200,
      released: 0,
      spent: 0,
      expired: 0,
      returned: 0,
    });
  });

  it('retries a write that lost a race, and counts both writers', async () => {
    const store = new MemoryUsageStore();
    // A store whose first write always finds that another shard wrote the aggregate in between.
    let raced = false;
    const store2 = Object.assign(Object.create(store) as MemoryUsageStore, {
      putUsageAggregate: async (...args: Parameters<MemoryUsageStore['putUsageAggregate']>) => {
        if (!raced) {
          raced = true;
          await aggregateUsage({ store, now: () => now }, { shardId: 'shard-2', records: deposits(1, 7) });
        }
        return store.putUsageAggregate(...args);
      },
    });
    await aggregateUsage(
      { store: store2, now: () => now },
      { shardId: 'shard-1', records: deposits(2) },
      { retry: noWait },
    );
    expect((await totals(store)).flowsCents.deposited).toBe(207);
  });

  it('fails the batch from the first record of an aggregate it could not write; redelivered, counts once', async () => {
    const store = new MemoryUsageStore();
    const records: UsageStreamRecord[] = [
      { sequenceNumber: '11', createdAtSeconds: 1_779_000_000, transfers: [transfer('deposit', 100, 'a')] },
      { sequenceNumber: '12', createdAtSeconds: 1_779_000_001, transfers: [transfer('capture', 40, 'a', 'techniek')] },
      { sequenceNumber: '13', createdAtSeconds: 1_779_000_002, transfers: [transfer('deposit', 100, 'b')] },
    ];
    const failures: unknown[] = [];
    const broken = Object.assign(Object.create(store) as MemoryUsageStore, {
      putUsageAggregate: async (...args: Parameters<MemoryUsageStore['putUsageAggregate']>) => {
        if (args[0].schemeId === 'techniek') throw new Error('throttled');
        return store.putUsageAggregate(...args);
      },
    });
    const result = await aggregateUsage(
      { store: broken, now: () => now },
      { shardId: 's', records },
      { onFailure: (_key, error) => failures.push(error) },
    );
    expect(result).toEqual({ failedSequenceNumber: '12', written: 1 });
    expect(failures).toHaveLength(1);
    expect((await store.getStreamProgress('s'))?.lastSequenceNumber).toBe('11');
    // Lambda delivers again from the failed record on.
    expect(await aggregateUsage({ store, now: () => now }, { shardId: 's', records: records.slice(1) })).toEqual({
      written: 1,
    });
    expect((await totals(store)).flowsCents.deposited).toBe(200);
    expect((await totals(store, 'techniek')).flowsCents.spent).toBe(40);
    expect((await store.getStreamProgress('s'))?.lastSequenceNumber).toBe('13');
  });

  it('drops a shard’s mark two stream retentions after setting it, and keeps younger ones', async () => {
    const store = new MemoryUsageStore();
    const then = new Date(now.getTime() - 49 * 3_600_000);
    await aggregateUsage({ store, now: () => then }, { shardId: 'old', records: deposits(1) });
    await aggregateUsage({ store, now: () => now }, { shardId: 'young', records: deposits(1) });
    await aggregateUsage({ store, now: () => now }, { shardId: 'new', records: deposits(2).slice(1) });
    const aggregate = await store.getUsageAggregate({
      funderId: 'ocw',
      schemeId: 'ontwikkelbudget',
      day: '2026-05-20',
    });
    expect(Object.keys(aggregate?.marks ?? {}).sort()).toEqual(['new', 'young']);
  });

  it('refuses a batch out of stream order', async () => {
    const store = new MemoryUsageStore();
    const records = deposits(2).reverse();
    await expect(aggregateUsage({ store, now: () => now }, { shardId: 's', records })).rejects.toThrow(/follows/);
  });
});
