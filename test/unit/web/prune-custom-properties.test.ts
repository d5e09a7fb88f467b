import { describe, expect, it } from 'vitest';
import { pruneCustomProperties } from '../../../web/prune-custom-properties.ts';

describe('pruneCustomProperties', () => {
  it('keeps the custom properties a rule reads, and those they read in turn, to the end of the chain', () => {
    const css = '.t{--a:var(--b);--b:var(--c,1px);--c:2px;--unused:var(--c)}.x{margin:var(--a)}';
    expect(pruneCustomProperties(css)).toBe('.t{--a:var(--b);--b:var(--c,1px);--c:2px}.x{margin:var(--a)}');
  });

  it('drops a chain of custom properties that only read each other', () => {
    const css = '.t{--a:var(--b);--b:var(--a);--kept:red}.x{color:var(--kept)}';
    expect(pruneCustomProperties(css)).toBe('.t{--kept:red}.x{color:var(--kept)}');
  });

  it('keeps a custom property a component declares and reads itself, and every ordinary property', () => {
    const css = '.b{--_bg:var(--hint,var(--bg));background:var(--_bg);display:block}.t{--bg:red;--hint:blue}';
    expect(pruneCustomProperties(css)).toBe(css);
  });

  it('keeps a custom property read inside a media query, and leaves a rule with none kept empty', () => {
    const css = '.t{--a:1px;--b:2px}@media (width>=60em){.x{padding:var(--b)}}.u{--c:3px}';
    expect(pruneCustomProperties(css)).toBe('.t{--b:2px}@media (width>=60em){.x{padding:var(--b)}}.u{}');
  });
});
