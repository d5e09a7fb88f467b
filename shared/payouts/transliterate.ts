/**
 * Latin letters for text in other scripts, so that a name in Greek or Cyrillic still reads as a
 * name in a SEPA file (whose character set is basic Latin). Small tables instead of a package:
 * the payouts job is the only user, and what it needs is a readable, stable rendering of a
 * provider's name, not linguistic perfection. Greek follows ELOT 743 (the Greek passport
 * standard), Cyrillic a simplified BGN/PCGN romanisation (Russian values; Ukrainian, Belarusian,
 * Bulgarian and Serbian letters added), and the Latin letters that Unicode does not decompose
 * (ß, æ, ø, ł, đ, þ, …) get their usual spelling. Diacritics are left for the caller to strip.
 */

/** Latin letters with no decomposition, as they are usually written in basic Latin. */
const latin: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'dj',
  Đ: 'Dj',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŀ: 'l',
  Ŀ: 'L',
  ĸ: 'k',
  ŋ: 'ng',
  Ŋ: 'Ng',
};

/** Lowercase Cyrillic; uppercase letters take the same value, capitalised. */
const cyrillic: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  ђ: 'dj',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  ѕ: 'dz',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  џ: 'dz',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Lowercase Greek without accents (the caller decomposes first); uppercase takes the same value. */
const greek: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** After these Greek letters (or at the end), αυ and ευ are spoken, and written, af and ef. */
const greekVoiceless = new Set(['θ', 'κ', 'ξ', 'π', 'σ', 'ς', 'τ', 'φ', 'χ', 'ψ']);

function isUpper(character: string | undefined): boolean {
  return character !== undefined && character !== character.toLowerCase() && character === character.toUpperCase();
}

/** `value` in the case of `source`: all capitals when the next letter is a capital too, else capitalised. */
function inCaseOf(value: string, source: string, next: string | undefined): string {
  if (!isUpper(source) || value === '') return value;
  return isUpper(next) ? value.toUpperCase() : value.charAt(0).toUpperCase() + value.slice(1);
}

/**
 * Replaces Cyrillic, Greek and undecomposable Latin letters by basic Latin; leaves everything else
 * as it is. Expects NFC text (Cyrillic й and ї must not be decomposed yet); Greek is matched on
 * its base letters, so accented Greek may come in either form.
 */
export function transliterate(text: string): string {
  const characters = [...text];
  let out = '';
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index] as string;
    const next = characters[index + 1];
    const lower = character.toLowerCase();
    const fixed = latin[character];
    if (fixed !== undefined) {
      out += fixed;
    } else if (cyrillic[lower] !== undefined) {
      out += inCaseOf(cyrillic[lower], character, next);
    } else if (greek[baseOf(lower)] !== undefined) {
      const base = baseOf(lower);
      const nextBase = next === undefined ? undefined : baseOf(next.toLowerCase());
      // The diphthongs: ου is "ou"; αυ and ευ are "av"/"ev", or "af"/"ef" before a voiceless sound.
      if ((base === 'ο' || base === 'α' || base === 'ε') && nextBase === 'υ' && !hasDiaeresis(next)) {
        const after = characters[index + 2];
        const afterBase = after === undefined ? undefined : baseOf(after.toLowerCase());
        const second =
          base === 'ο' ? 'u' : afterBase === undefined || greekVoiceless.has(afterBase) || !isGreek(after) ? 'f' : 'v';
        out += inCaseOf(greek[base] + second, character, next);
        index += 1;
      } else {
        out += inCaseOf(greek[base] as string, character, next);
      }
    } else {
      out += character;
    }
  }
  return out;
}

/** A letter without its accents. */
function baseOf(character: string): string {
  return character.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function hasDiaeresis(character: string | undefined): boolean {
  return character?.normalize('NFD').includes('\u0308') === true;
}

function isGreek(character: string | undefined): boolean {
  return character !== undefined && greek[baseOf(character.toLowerCase())] !== undefined;
}
