/**
 * Keeps every line of source within the formatter's line width. Biome wraps code, but it cannot
 * break long string literals, template literals, comments or regular expressions, so those would
 * otherwise grow past the limit unnoticed. Split such a line (`'…' +` pieces, a named constant, a
 * comment rewrapped as sentences) rather than adding it to the allow-list below.
 */
import { execFileSync } from 'node:child_process';
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface BiomeConfig {
  readonly formatter?: { readonly lineWidth?: number };
}

/** The limit is the formatter's own, so the two cannot drift apart. */
const lineWidthMax = formatterLineWidth();

function formatterLineWidth(): number {
  const config = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8')) as BiomeConfig;
  const width = config.formatter?.lineWidth;
  if (width === undefined || !Number.isInteger(width) || width <= 0) {
    throw new Error(`biome.json sets no usable formatter.lineWidth (${String(width)}); this test reads it there`);
  }
  return width;
}

const checkedEndings = ['.ts', '.tsx', '.cjs', '.mjs'];
const skippedDirectories = new Set(['node_modules', 'dist']);
/** Where to look when git cannot list the files (a source archive, say): these folders, whole. */
const fallbackDirectories = ['shared', 'functions', 'infra', 'web/src', 'test'];
/** …and the files directly in these (`vitest.config.ts`, `web/build.ts`, …). */
const fallbackShallowDirectories = ['', 'web'];

interface AllowedLine {
  /** The file, relative to the repository root, with `/` separators. */
  readonly file: string;
  /** Text the allowed line contains; a line number would go stale with the first edit above it. */
  readonly contains: string;
  /** Why this line cannot be split: a single unsplittable token, such as a long URL in a comment. */
  readonly reason: string;
}

/**
 * Lines that may stay longer than the limit. Empty, and meant to stay so: add an entry only for a
 * truly unsplittable token, with the reason.
 */
const allowedLines: readonly AllowedLine[] = [];

function isChecked(file: string): boolean {
  const name = path.posix.basename(file);
  if (file.split('/').some((part) => skippedDirectories.has(part))) return false;
  if (name === 'package-lock.json' || /\.(xsd|md|json)$/.test(name)) return false;
  return checkedEndings.some((ending) => name.endsWith(ending));
}

/** The files git tracks, plus new ones it does not ignore; undefined when git is not available. */
function filesFromGit(): string[] | undefined {
  try {
    const output = execFileSync(
      'git',
      [
        'ls-files',
        '-z',
        '--cached',
        '--others',
        '--exclude-standard',
        '--',
        ...checkedEndings.map((ending) => `*${ending}`),
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return output.split('\0').filter((file) => file !== '');
  } catch {
    return undefined;
  }
}

function filesUnder(directory: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, directory), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const file = path.posix.join(directory, entry.name);
    if (entry.isDirectory()) {
      return skippedDirectories.has(entry.name) || entry.name.startsWith('.') ? [] : filesUnder(file);
    }
    return entry.isFile() ? [file] : [];
  });
}

function filesIn(directory: string): string[] {
  return readdirSync(path.join(root, directory), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.posix.join(directory, entry.name));
}

function filesFromWalk(): string[] {
  return [...fallbackShallowDirectories.flatMap(filesIn), ...fallbackDirectories.flatMap(filesUnder)];
}

function isInFallback(file: string): boolean {
  return (
    fallbackDirectories.some((directory) => file.startsWith(`${directory}/`)) ||
    fallbackShallowDirectories.includes(path.posix.dirname(file).replace(/^\.$/, ''))
  );
}

function checkedFiles(listed: readonly string[]): string[] {
  return [...new Set(listed)].filter(isChecked).sort();
}

/** Length in characters (code points), as the formatter counts them, not in UTF-8 bytes. */
function lengthOf(line: string): number {
  return [...line].length;
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    // Listed by git but deleted in the working tree.
    return undefined;
  }
}

function isAllowed(file: string, line: string): boolean {
  return allowedLines.some((allowed) => allowed.file === file && line.includes(allowed.contains));
}

/** Every line over the limit, as `file:line (length)`. */
function linesTooLong(files: readonly string[], read: (file: string) => string | undefined): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = read(file);
    if (text === undefined) continue;
    text.split('\n').forEach((line, index) => {
      const length = lengthOf(line.replace(/\r$/, ''));
      if (length > lineWidthMax && !isAllowed(file, line)) found.push(`${file}:${index + 1} (${length})`);
    });
  }
  return found;
}

describe('line width', () => {
  const fromGit = filesFromGit();
  const files = checkedFiles(fromGit ?? filesFromWalk());

  it('finds the source files', () => {
    expect(files).toEqual(expect.arrayContaining(['test/unit/line-width.test.ts', 'web/src/i18n/index.ts']));
  });

  it.skipIf(fromGit === undefined)('finds the same files without git, so the fallback works too', () => {
    const listed = checkedFiles((fromGit ?? []).filter(isInFallback));
    expect(checkedFiles(filesFromWalk())).toEqual(expect.arrayContaining(listed));
  });

  it(`keeps every source line within ${lineWidthMax} characters`, () => {
    expect(linesTooLong(files, readIfPresent)).toEqual([]);
  });

  it('counts characters rather than bytes, and names file, line and length', () => {
    const long = 'x'.repeat(lineWidthMax + 1);
    const texts: Record<string, string> = {
      'a.ts': `short\n${long}\n${'€'.repeat(lineWidthMax)}\n`,
      'b.ts': `${'y'.repeat(lineWidthMax)}\r\n`,
    };
    expect(linesTooLong(['a.ts', 'b.ts'], (file) => texts[file])).toEqual([`a.ts:2 (${lineWidthMax + 1})`]);
  });

  it('has no stale allow-list entries', () => {
    const stale = allowedLines.filter(
      (allowed) =>
        !(readIfPresent(allowed.file) ?? '')
          .split('\n')
          .some((line) => line.includes(allowed.contains) && lengthOf(line) > lineWidthMax),
    );
    expect(stale).toEqual([]);
  });
});
