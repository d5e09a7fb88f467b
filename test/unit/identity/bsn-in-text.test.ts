import { describe, expect, it } from 'vitest';
import { bsnMask, containsBsn, maskBsns } from '../../../shared/identity/bsn.ts';

/**
 * Edges of finding a BSN in free text (see `findBsns`): what stands between digit groups, letters
 * glued to the digits, hex ids in either case, and BSNs at the very start and end of the text.
 */

const bsn = '999990019';

describe('containsBsn at the edges of grouping', () => {
  it('finds a BSN after a number it is parted from by a comma, which is no group separator', () => {
    expect(containsBsn(`12, ${bsn}`)).toBe(true);
    expect(containsBsn(`ref 12/${bsn}`)).toBe(true);
  });
});

describe('containsBsn and words around the digits', () => {
  it.each([
    ['non-hex letters before, hex letters after', `xyz${bsn}abc`],
    ['one upper-case non-hex letter before', `Q${bsn}`],
    ['upper-case hex letters before, lower-case non-hex after', `ABC${bsn}xyz`],
  ])('finds a BSN in %s', (_name, text) => {
    expect(containsBsn(text)).toBe(true);
  });

  it.each([
    ['an upper-case hex id', `DA39A3EE${bsn}AFD`],
    ['the last group of an upper-case UUID', `896BE911-CFD0-4798-896E-F${bsn}BE`],
    ['a hex word followed by more words', `abc${bsn}def xyz`],
    ['a hex word followed by a sentence', `code abc${bsn}def, see the letter`],
  ])('leaves %s alone', (_name, text) => {
    expect(containsBsn(text)).toBe(false);
  });
});

describe('maskBsns', () => {
  it('masks a BSN at the very start of the text and keeps what follows', () => {
    expect(maskBsns(`${bsn} is not registered`)).toBe(`${bsnMask} is not registered`);
  });

  it('masks a BSN at the very end of the text and keeps what precedes it', () => {
    expect(maskBsns(`unknown person ${bsn}`)).toBe(`unknown person ${bsnMask}`);
  });

  it('masks a BSN written in groups, separators included, and keeps the text around it', () => {
    expect(maskBsns('BSN 999 - 990 - 019, please check')).toBe(`BSN ${bsnMask}, please check`);
  });

  it('masks two overlapping BSNs in one run of groups once, keeping the digits after the first', () => {
    // 999990019 and 990019007 both pass the elfproef; the first one found is masked.
    expect(maskBsns('999 990 019 007')).toBe(`${bsnMask} 007`);
    expect(maskBsns('a 999 990 019 007 b')).toBe(`a ${bsnMask} 007 b`);
  });

  it('returns text without a BSN unchanged, not NFKC-normalised', () => {
    const fullWidth = '１２３ and a no-break\u00a0space';

    expect(maskBsns(fullWidth)).toBe(fullWidth);
  });

  it('returns text with a BSN NFKC-normalised, with the BSN masked', () => {
    expect(maskBsns('Ｎｒ ９９９９９００１９ ok')).toBe(`Nr ${bsnMask} ok`);
  });
});
