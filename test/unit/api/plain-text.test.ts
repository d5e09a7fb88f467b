import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelField, plainTextPattern, referenceField } from '../../../shared/api/fields.ts';

/**
 * The free-text pattern is written without `\p{…}` classes so that every reader of the OpenAPI
 * document understands it. It must mean what `\p{Cc}` and `\p{Cs}` meant: no control character,
 * no lone surrogate, everything else allowed; read with the `u` flag (code points, as the handlers
 * and JSON Schema validators read it) and without it (UTF-16 code units, as older tools do).
 */
const unicodeCategories = /^[^\p{Cc}\p{Cs}]*$/u;
const withUnicodeFlag = new RegExp(plainTextPattern.source, 'u');
const withoutUnicodeFlag = new RegExp(plainTextPattern.source);

function verdicts(text: string): boolean[] {
  return [unicodeCategories.test(text), withUnicodeFlag.test(text), withoutUnicodeFlag.test(text)];
}

describe('the plain-text pattern', () => {
  it('uses no Unicode property classes and no flags, so it reads the same in every regex dialect', () => {
    expect(plainTextPattern.source).not.toMatch(/\\[pP]\{/);
    expect(plainTextPattern.flags).toBe('');
  });

  it('agrees with \\p{Cc} and \\p{Cs} on every UTF-16 code unit, alone and between letters', () => {
    const disagreements: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit += 1) {
      const character = String.fromCharCode(unit);
      for (const text of [character, `a${character}b`]) {
        const [expected, ...others] = verdicts(text);
        if (others.some((verdict) => verdict !== expected)) disagreements.push(`U+${unit.toString(16)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses every control character: C0, DEL and C1', () => {
    for (const unit of [0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      expect(verdicts(`Budget ${String.fromCharCode(unit)}`), `U+${unit.toString(16)}`).toEqual([false, false, false]);
    }
  });

  it('accepts well-formed surrogate pairs and refuses lone or reversed ones', () => {
    expect(verdicts('Cursus 😀 𝄞')).toEqual([true, true, true]);
    expect(verdicts('\ud83d')).toEqual([false, false, false]);
    expect(verdicts('\ude00x')).toEqual([false, false, false]);
    expect(verdicts('\ude00\ud83d')).toEqual([false, false, false]);
    expect(verdicts('😀\ud83d')).toEqual([false, false, false]);
  });

  it('agrees with \\p{Cc} and \\p{Cs} on any string', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 10 }),
        (a, b) => {
          const text = `${a}${b}`;
          const expected = unicodeCategories.test(text);
          expect(verdicts(text)).toEqual([expected, expected, expected]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is what the free-text fields check: a control character is refused, an emoji is not', () => {
    expect(labelField.safeParse('Scholing\u0085budget').success).toBe(false);
    expect(labelField.safeParse('Scholing\u007fbudget').success).toBe(false);
    expect(referenceField.safeParse('ref\u0000').success).toBe(false);
    expect(referenceField.safeParse('ref \ud800').success).toBe(false);
    expect(labelField.safeParse('Scholingsbudget 😀').success).toBe(true);
  });
});
