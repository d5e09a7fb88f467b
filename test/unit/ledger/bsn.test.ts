import { describe, expect, it } from 'vitest';
import { containsBsn, isValidBsn } from '../../../shared/identity/bsn.ts';
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

describe('containsBsn (free text and ids that would store a BSN)', () => {
  it.each([
    ['on its own', '999990019'],
    ['in a sentence', 'Opleiding voor 999990019 in Zwolle'],
    ['with dots', '999.990.019'],
    ['in groups of 3, 2 and 4 with spaces', '999 99 0019'],
    ['with hyphens', '999-990-019'],
    ['with a spaced hyphen', '999 - 990 - 019'],
    ['with a no-break space', '999\u00a0990\u00a0019'],
    ['in full-width digits', '９９９９９００１９'],
    ['in full-width digits with a full-width full stop', '９９９．９９０．０１９'],
    ['in mathematical bold digits', '𝟗𝟗𝟗𝟗𝟗𝟎𝟎𝟏𝟗'],
    ['glued to letters', 'abc999990019xyz'],
    ['after a prefix with an underscore', 'clm_999990019'],
    ['after a number it is separated from', 'ref 12 999990019'],
    ['as the tail of a dotted longer number', '1.999.990.019'],
  ])('finds a BSN %s', (_name, text) => {
    expect(containsBsn(text)).toBe(true);
  });

  it.each([
    ['nine digits failing the elfproef', '123456789'],
    ['ten digits in one run', '9999900190'],
    ['eight digits', '99999001'],
    ['a date and time', '2026-11-23 10:15:00'],
    ['an ISO timestamp', '2026-11-23T10:15:00.000Z'],
    ['a Dutch mobile number', '06-12345678'],
    ['a landline number', '020 123 4567'],
    ['an IBAN in groups', 'NL91 ABNA 0417 1643 00'],
    ['a KvK number', 'KvK 12345678'],
    ['an amount', '€ 1.250,00'],
    ['a course title', 'Veilig werken langs de weg (VCA) 2026-2027, groep 3'],
    // Hyphen-joined digit runs of a UUID that make 999990019: an Idempotency-Key, not a BSN.
    ['a UUID whose hyphen-joined digits make nine', 'abcdef01-9999-9001-9abc-def012345678'],
    ['the last group of a UUID, all hex', '896be911-cfd0-4798-896e-f999990019be'],
    ['a SHA-1 in hex', 'da39a3ee5e6b4b0d999990019afd80709'],
    // The price of not refusing hex ids (see findBsns).
    ['groups with a letter glued to the outer end', 'x999.990.019'],
    ['nine digits inside a word of hex letters only', 'abc999990019def'],
  ])('leaves %s alone', (_name, text) => {
    expect(containsBsn(text)).toBe(false);
  });
});

describe('containsBsn on random UUIDs (Idempotency-Keys, correlation ids)', () => {
  it('refuses fewer than 1 in 10,000', () => {
    let refused = 0;
    for (let index = 0; index < 20_000; index += 1) if (containsBsn(crypto.randomUUID())) refused += 1;

    expect(refused).toBeLessThanOrEqual(2);
  });
});
