/**
 * Keeps every line of source within the formatter's line width. Biome wraps code, but it cannot
 * break long string literals, template literals, comments or regular expressions, so those would
 * otherwise grow past the limit unnoticed. Split such a line: `'…' +` pieces, a named constant, or a
 * comment rewrapped as sentences.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The limit is the formatter's own, so the two cannot drift apart. */
const lineWidthMax = (
  JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8')) as { formatter: { lineWidth: number } }
).formatter.lineWidth;

/** The source files git tracks, plus new ones it does not ignore (a repository is always a git checkout here). */
function sourceFiles(): string[] {
  const output = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.ts', '*.tsx', '*.cjs', '*.mjs'],
    { cwd: root, encoding: 'utf8' },
  );
  return [...new Set(output.split('\0').filter((file) => file !== ''))].sort();
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    // Listed by git but deleted in the working tree.
    return undefined;
  }
}

/** Every line over the limit, as `file:line (length)`, counted in characters as the formatter counts. */
function linesTooLong(files: readonly string[], read: (file: string) => string | undefined): string[] {
  const found: string[] = [];
  for (const file of files) {
    read(file)
      ?.split('\n')
      .forEach((line, index) => {
        const length = [...line.replace(/\r$/, '')].length;
        if (length > lineWidthMax) found.push(`${file}:${index + 1} (${length})`);
      });
  }
  return found;
}

describe('line width', () => {
  const files = sourceFiles();

  it('reads the limit from biome.json and finds the source files', () => {
    expect(Number.isInteger(lineWidthMax) && lineWidthMax > 0).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['test/unit/line-width.test.ts', 'web/src/i18n/index.ts']));
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
});
