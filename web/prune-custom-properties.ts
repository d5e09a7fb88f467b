/**
 * A Vite plugin that drops the CSS custom properties nothing reads. The NL Design System's theme
 * declares about 1,240 design tokens on `.utrecht-theme`, for every component there is; the app
 * reads a small part of them. The others cost bytes and, as every element inherits them, time in
 * every style calculation.
 *
 * Only CSS counts as a reader: the app's JavaScript sets and reads no custom property. So the
 * result depends on the CSS alone, and the file name's hash, taken before this runs, still
 * changes whenever the result does.
 */
import type { Plugin } from 'vite';

/** A custom property declaration in minified CSS: it follows `{` or `;`, and its value holds no `;`, `{` or `}`. */
const declarationPattern = /(?<=[{;])\s*(--[A-Za-z0-9_-]+)\s*:[^;{}]*;?/g;
const referencePattern = /var\(\s*(--[A-Za-z0-9_-]+)/g;

function references(text: string): string[] {
  return [...text.matchAll(referencePattern)].map((match) => match[1] ?? '');
}

/**
 * The CSS without the declarations of custom properties that nothing reads: neither an ordinary
 * property of a rule nor a custom property that is kept (followed to the end of the chain).
 */
export function pruneCustomProperties(css: string): string {
  const declared = new Map<string, string[]>();
  for (const match of css.matchAll(declarationPattern)) {
    const name = match[1] ?? '';
    declared.set(name, [...(declared.get(name) ?? []), ...references(match[0])]);
  }
  const read = new Set(references(css.replace(declarationPattern, '')));
  const pending = [...read];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const next of declared.get(name) ?? []) {
      if (read.has(next)) continue;
      read.add(next);
      pending.push(next);
    }
  }
  return css
    .replace(declarationPattern, (declaration, name: string) => (read.has(name) ? declaration : ''))
    .replace(/;}/g, '}');
}

/** Prunes every CSS file of the build; runs after Vite has bundled and minified it. */
export function pruneCustomPropertiesPlugin(): Plugin {
  return {
    name: 'leerrekening:prune-custom-properties',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.css')) continue;
        file.source = pruneCustomProperties(String(file.source));
      }
    },
  };
}
