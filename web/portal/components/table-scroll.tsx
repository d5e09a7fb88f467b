import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroll box, at 400% zoom or on a phone. It is a named region that takes
 * the focus, so keyboard users can scroll it with the arrow keys even when no cell holds a link
 * (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll.
    <section className="lr-table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
