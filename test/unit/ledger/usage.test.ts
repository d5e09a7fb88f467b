import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { limits } from '../../../shared/ledger/limits.ts';
import { noPersons, withPersons } from '../../../shared/ledger/person-count.ts';
import type { Transfer, TransferType } from '../../../shared/ledger/transfer.ts';
import {
  emptyUsageDay,
  flowOf,
  type UsageDay,
  usageAsOf,
  usageEntryOf,
  usageOfPeriod,
  withUsageEntries,
} from '../../../shared/ledger/usage.ts';

const hashOf = (personId: string) => createHash('sha256').update(personId).digest('hex').slice(0, 16);

function transfer(type: TransferType, amountCents: number, overrides: Partial<Transfer> = {}): Transfer {
  return {
    transferId: `tx-${type}-${amountCents}`,
    type,
    at: '2026-05-20T10:00:00.000Z',
    amountCents,
    debitAccount: 'a',
    creditAccount: 'b',
    personId: 'person-1',
    potId: 'pot-1',
    schemeId: 'ontwikkelbudget',
    funderId: 'ocw',
    availableEffectCents: amountCents,
    description: 'test',
    ...overrides,
  };
}

const key = { funderId: 'ocw', schemeId: 'ontwikkelbudget', day: '2026-05-20' };

describe('usage', () => {
  it.each([
    ['deposit', 'deposited'],
    ['reservation', 'reserved'],
    ['release', 'released'],
    ['capture', 'spent'],
    ['expiry', 'expired'],
    ['revocation', 'returned'],
    ['refund', undefined],
  ] as const)('counts a %s as %s', (type, flow) => {
    expect(flowOf(type)).toBe(flow);
  });

  it('dates a transfer by the Dutch calendar day, not the UTC one', () => {
    // 23:30 UTC on 19 May is 01:30 on 20 May in Amsterdam (summer time).
    const entry = usageEntryOf(transfer('deposit', 100, { at: '2026-05-19T23:30:00.000Z' }), hashOf);
    expect(entry?.key).toEqual(key);
    const winter = usageEntryOf(transfer('capture', 100, { at: '2026-01-15T22:59:59.000Z' }), hashOf);
    expect(winter?.key.day).toBe('2026-01-15');
    const winterNextDay = usageEntryOf(transfer('capture', 100, { at: '2026-01-15T23:00:00.000Z' }), hashOf);
    expect(winterNextDay?.key.day).toBe('2026-01-16');
  });

  it('keeps a person hash for deposits only', () => {
    expect(usageEntryOf(transfer('deposit', 100), hashOf)?.personHash).toBe(hashOf('person-1'));
    expect(usageEntryOf(transfer('reservation', 100), hashOf)).not.toHaveProperty('personHash');
    expect(usageEntryOf(transfer('refund', 100), hashOf)).toBeUndefined();
  });

  it('adds entries to their day, and refuses an entry of another day', () => {
    const entries = [transfer('deposit', 500), transfer('reservation', 200), transfer('capture', 150)].map(
      (t) => usageEntryOf(t, hashOf)!,
    );
    const day = withUsageEntries(emptyUsageDay(key), entries);
    expect(day.flowsCents).toEqual({ deposited: 500, reserved: 200, released: 0, spent: 150, expired: 0, returned: 0 });
    expect(day.persons).toEqual({ kind: 'exact', hashes: [hashOf('person-1')] });
    const other = usageEntryOf(transfer('deposit', 1, { at: '2026-05-21T10:00:00.000Z' }), hashOf)!;
    expect(() => withUsageEntries(day, [other])).toThrow(/reached/);
  });

  it('sums a period and shows persons only from the threshold on', () => {
    const personsOn = (count: number, offset: number): UsageDay => ({
      ...emptyUsageDay(key),
      flowsCents: { deposited: 100, reserved: 1, released: 2, spent: 3, expired: 4, returned: 5 },
      persons: withPersons(
        noPersons,
        Array.from({ length: count }, (_, index) => hashOf(`p${offset + index}`)),
        limits.usageExactPersonsPerDayMax,
      ),
    });
    // Nine distinct persons over two days (one of them on both): suppressed.
    const nine = usageOfPeriod([personsOn(5, 0), { ...personsOn(5, 4), day: '2026-05-21' }]);
    expect(nine).toEqual({
      flowsCents: { deposited: 200, reserved: 2, released: 4, spent: 6, expired: 8, returned: 10 },
      persons: null,
    });
    expect(usageOfPeriod([personsOn(5, 0), { ...personsOn(5, 5), day: '2026-05-21' }]).persons).toBe(10);
    expect(limits.usagePersonsShownMin).toBe(10);
  });

  it('is all zeros, and no persons, for a period without days', () => {
    expect(usageOfPeriod([])).toEqual({
      flowsCents: { deposited: 0, reserved: 0, released: 0, spent: 0, expired: 0, returned: 0 },
      persons: null,
    });
  });
});

describe('usageAsOf', () => {
  const now = new Date('2026-05-20T12:00:00.000Z');
  const shard = (completeUpTo: string, updatedAt = '2026-05-20T11:59:00.000Z', closed = false) => ({
    completeUpTo,
    updatedAt,
    closed,
  });

  it('is the least completeness of the shards that may still bring movements', () => {
    expect(usageAsOf([shard('2026-05-20T11:58:00.000Z'), shard('2026-05-20T11:50:00.000Z')], now)).toBe(
      '2026-05-20T11:50:00.000Z',
    );
  });

  it('leaves out closed shards and shards not heard of for longer than the stream keeps records', () => {
    const shards = [
      shard('2026-05-20T11:58:00.000Z'),
      shard('2026-05-20T08:00:00.000Z', '2026-05-20T08:00:00.000Z', true),
      shard('2026-05-19T11:00:00.000Z', '2026-05-19T11:00:00.000Z'),
    ];
    expect(usageAsOf(shards, now)).toBe('2026-05-20T11:58:00.000Z');
  });

  it('is the latest completeness when no shard may bring more, and undefined when nothing was noted', () => {
    const finished = [
      shard('2026-05-20T08:00:00.000Z', '2026-05-20T08:00:00.000Z', true),
      shard('2026-05-20T09:00:00.000Z', '2026-05-20T09:00:00.000Z', true),
    ];
    expect(usageAsOf(finished, now)).toBe('2026-05-20T09:00:00.000Z');
    expect(usageAsOf([], now)).toBeUndefined();
  });

  it('is never after now', () => {
    expect(usageAsOf([shard('2026-05-20T12:00:05.000Z')], now)).toBe(now.toISOString());
  });
});
