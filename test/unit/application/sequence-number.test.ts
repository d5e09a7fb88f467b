import { describe, expect, it } from 'vitest';
import { compareSequenceNumbers } from '../../../shared/application/sequence-number.ts';

describe('compareSequenceNumbers', () => {
  it.each([
    ['9', '10', -1],
    ['100000000000000000000000000000000000009', '99999999999999999999999999999999999999', 1],
    ['4421584500000000017450439091', '4421584500000000017450439092', -1],
    ['4421584500000000017450439092', '4421584500000000017450439091', 1],
    ['4421584500000000017450439091', '4421584500000000017450439091', 0],
    ['0', '1', -1],
    ['000000000000000000021', '21', 0],
    ['000000000000000000021', '000000000000000000100', -1],
    ['000000000000000000100', '99', 1],
    ['000', '0', 0],
  ])('orders %s and %s as numbers (%i)', (a, b, sign) => {
    expect(Math.sign(compareSequenceNumbers(a, b))).toBe(sign);
  });

  it('agrees with BigInt on numbers beyond what a double holds', () => {
    const values = ['1', '12', '123456789012345678901234567890', '123456789012345678901234567891', '99', '100'];
    for (const a of values) {
      for (const b of values) {
        const expected = BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
        expect(Math.sign(compareSequenceNumbers(a, b)), `${a} vs ${b}`).toBe(expected);
      }
    }
  });

  it.each(['', '1e5', ' 1', '-1', 'abc', '1.5'])('refuses %j', (value) => {
    expect(() => compareSequenceNumbers(value, '1')).toThrow(/sequence number/);
  });
});
