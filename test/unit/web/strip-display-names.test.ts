import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripDisplayNames } from '../../../web/strip-display-names.ts';

const libraryFile = join(process.cwd(), 'node_modules', '@utrecht', 'component-library-react', 'dist', 'index.mjs');

describe('stripDisplayNames', () => {
  it('takes every displayName statement out of the NL Design System React library, and nothing else', () => {
    const code = readFileSync(libraryFile, 'utf8');
    const stripped = stripDisplayNames(code, libraryFile);
    expect(code).toMatch(/\.displayName = '/);
    expect(stripped).toBeDefined();
    expect(stripped).not.toMatch(/\.displayName = '/);
    // Only those lines went: what is left is the library, line for line.
    const removed = code.split('\n').filter((line) => /^[A-Za-z_$][\w$]*\.displayName = '[^']*';$/.test(line));
    expect(removed.length).toBeGreaterThan(50);
    expect(stripped?.length).toBe(code.length - removed.reduce((sum, line) => sum + line.length, 0));
  });

  it('leaves every other module alone, React DOM above all: its property writes must stay', () => {
    const react = "element.type = type;\nButton.displayName = 'Button';";
    expect(stripDisplayNames(react, '/x/node_modules/react-dom/cjs/react-dom-client.production.js')).toBeUndefined();
    expect(stripDisplayNames(react, '/x/web/portal/app.tsx')).toBeUndefined();
  });
});
