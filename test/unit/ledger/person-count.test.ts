import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countPersons,
  noPersons,
  type PersonCount,
  sketchRegisterCount,
  withPersons,
} from '../../../shared/ledger/person-count.ts';

/** 16 hex digits of SHA-256, as `personHash` makes them; computed here on its own as the oracle's input. */
function hashOf(index: number): string {
  return createHash('sha256').update(`person-${index}`).digest('hex').slice(0, 16);
}

function hashes(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, offset) => hashOf(from + offset));
}

describe('person count', () => {
  it('counts exactly up to the cap, and a person twice once', () => {
    const count = withPersons(withPersons(noPersons, hashes(0, 5), 8), hashes(3, 5), 8);
    expect(count).toEqual({ kind: 'exact', hashes: [...hashes(0, 8)].sort() });
    expect(countPersons([count])).toEqual({ persons: 8, exact: true });
  });

  it('turns into a sketch with the person beyond the cap', () => {
    const count = withPersons(noPersons, hashes(0, 9), 8);
    expect(count.kind).toBe('sketch');
    if (count.kind === 'sketch') expect(count.registers).toHaveLength(sketchRegisterCount);
    expect(countPersons([count]).exact).toBe(false);
  });

  it('counts the union of exact days exactly, even beyond one day’s cap', () => {
    const days = [withPersons(noPersons, hashes(0, 60), 64), withPersons(noPersons, hashes(30, 60), 64)];
    expect(countPersons(days)).toEqual({ persons: 90, exact: true });
  });

  it('counts nobody as zero', () => {
    expect(countPersons([])).toEqual({ persons: 0, exact: true });
    expect(countPersons([noPersons, noPersons])).toEqual({ persons: 0, exact: true });
  });

  it.each([100, 1_000, 20_000])('estimates %i persons within 7 % (three standard errors)', (persons) => {
    const count = withPersons(noPersons, hashes(0, persons), 64);
    const { persons: estimate, exact } = countPersons([count]);
    expect(exact).toBe(false);
    expect(Math.abs(estimate - persons) / persons).toBeLessThan(0.07);
  });

  it('merges sketches and exact days without counting a person twice', () => {
    const sketchDay = withPersons(noPersons, hashes(0, 5_000), 64);
    const sameAgain = withPersons(noPersons, hashes(0, 5_000), 64);
    const exactDay = withPersons(noPersons, hashes(2_000, 10), 64);
    const { persons } = countPersons([sketchDay, sameAgain, exactDay]);
    expect(Math.abs(persons - 5_000) / 5_000).toBeLessThan(0.07);
  });

  it('gives the same sketch whatever the order persons arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(hashes(0, 200), { minLength: 100 }), (subset) => {
        const forwards = withPersons(noPersons, subset, 64);
        const backwards = [...subset]
          .reverse()
          .reduce<PersonCount>((count, hash) => withPersons(count, [hash], 64), noPersons);
        expect(backwards).toEqual(forwards);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses what is not a person hash', () => {
    expect(() => withPersons(noPersons, ['999990019'], 64)).toThrow(/not a person hash/);
    expect(() => withPersons(noPersons, ['ABCDEF0123456789'], 64)).toThrow(/not a person hash/);
  });
});
