import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../../shared/identity/bsn.ts';
import { personIdFromBsn } from '../../../shared/identity/person-id.ts';

const secret = 'unit-test-secret-of-enough-length';
const otherSecret = 'another-secret-of-enough-length';

describe('isValidBsn', () => {
  it.each(['999990019', '999993653', '111222333'])('accepts %s, which passes the elfproef', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    { bsn: '123456789', why: 'fails the elfproef' },
    { bsn: '999990018', why: 'has a wrong check digit' },
    { bsn: '000000000', why: 'is all zeros, although its weighted sum is 0' },
    { bsn: '99999001', why: 'has 8 digits' },
    { bsn: '9999900190', why: 'has 10 digits' },
    { bsn: '99999001a', why: 'contains a letter' },
    { bsn: '999 990 019', why: 'contains spaces' },
    { bsn: ' 999990019', why: 'has leading whitespace' },
    { bsn: '９９９９９００１９', why: 'uses full-width digits' },
    { bsn: '', why: 'is empty' },
  ])('rejects "$bsn", which $why', ({ bsn }) => {
    expect(isValidBsn(bsn)).toBe(false);
  });
});

describe('personIdFromBsn', () => {
  it('gives the same person id for the same BSN and secret', () => {
    expect(personIdFromBsn('999990019', secret)).toBe(personIdFromBsn('999990019', secret));
  });

  it('gives different ids for different BSNs', () => {
    expect(personIdFromBsn('999990019', secret)).not.toBe(personIdFromBsn('999993653', secret));
  });

  it('gives a different id under another secret, so ids cannot be linked across environments', () => {
    expect(personIdFromBsn('999990019', secret)).not.toBe(personIdFromBsn('999990019', otherSecret));
  });

  it('never contains the BSN, so storage keys and logs hold no BSN', () => {
    for (const bsn of ['999990019', '999993653', '111222333']) {
      const personId = personIdFromBsn(bsn, secret);
      expect(personId).not.toContain(bsn);
      // A URL- and key-safe token: base64url of a SHA-256 HMAC.
      expect(personId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('crashes on a BSN that was not validated first', () => {
    expect(() => personIdFromBsn('123456789', secret)).toThrow(/not validated/);
    expect(() => personIdFromBsn('00000000', secret)).toThrow(/not validated/);
  });

  it('crashes on a secret shorter than 16 characters', () => {
    expect(() => personIdFromBsn('999990019', 'short-secret')).toThrow(/too short/);
    expect(() => personIdFromBsn('999990019', '')).toThrow(/too short/);
    expect(() => personIdFromBsn('999990019', 'x'.repeat(16))).not.toThrow();
  });
});
