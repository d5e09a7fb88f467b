import { describe, expect, it } from 'vitest';
import { containsBsn, maskBsns } from '../../../shared/identity/bsn.ts';

describe('what a masked BSN looks like, and what counts as separators between its groups', () => {
  it('replaces a BSN in free text with nine asterisks, as a reader of a log line sees it', () => {
    expect(maskBsns('BSN 999990019 staat hier')).toBe('BSN ********* staat hier');
  });

  it('does not join digit groups across a word: "999 990 abc 019" holds no BSN', () => {
    expect(containsBsn('999 990 abc 019')).toBe(false);
    expect(maskBsns('999 990 abc 019')).toBe('999 990 abc 019');
  });

  it('does not join digit groups across separators followed by other text: "999 990 - x 019"', () => {
    expect(maskBsns('999 990 - x 019')).toBe('999 990 - x 019');
  });
});
