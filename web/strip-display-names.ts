/**
 * A Vite plugin that takes the `X.displayName = 'X';` statements out of the NL Design System's
 * React library before bundling. That library is one module of about ninety components, each with
 * such an assignment; an assignment to a property counts as a side effect, so without this every
 * component would stay in the bundle, not only the dozen the apps use.
 *
 * Only this library's file is touched. Turning off property-write side effects for the whole
 * bundle instead (rolldown's `treeshake.propertyWriteSideEffects: false`) also dropped React DOM's
 * own `element.type = …` and `element.name = …` on an input's first render: date and file fields
 * came out as text boxes until their first update.
 */
import type { Plugin } from 'vite';

/** The library's module, as Vite names it (its `dist/index.mjs` and any chunk beside it). */
const libraryPattern = /node_modules\/@utrecht\/component-library-react\/dist\/[^/]+\.mjs$/;
/** One statement on a line of its own, as the library's build writes them. */
const displayNamePattern = /^[A-Za-z_$][\w$]*\.displayName = '[^'\n]*';$/gm;

/** The module's code without its `displayName` statements; `undefined` for every other module. */
export function stripDisplayNames(code: string, id: string): string | undefined {
  if (!libraryPattern.test(id)) return undefined;
  return code.replace(displayNamePattern, '');
}

export function stripDisplayNamesPlugin(): Plugin {
  return {
    name: 'leerrekening:strip-display-names',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      const stripped = stripDisplayNames(code, id);
      return stripped === undefined ? null : { code: stripped, map: null };
    },
  };
}
