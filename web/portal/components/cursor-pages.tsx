import { Button, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api.ts';
import { usePortalLanguage } from '../i18n/index.ts';
import { Problem } from './problem.tsx';

/** A list read page by page: the first page, then more on request, following `nextCursor`. */
export type CursorPages<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: unknown }
  | {
      readonly state: 'ok';
      readonly items: readonly T[];
      readonly nextCursor: string | undefined;
      /** True while the next page is on its way. */
      readonly loadingMore: boolean;
      /** Why the last "more" failed; the rows shown so far stay. */
      readonly moreError: unknown;
    };

/**
 * Loads the first page when `key` changes, and the next one with `more()`. An answer that arrives
 * after the key changed is dropped, so a slow first page of an old filter never shows under a new one.
 */
export function useCursorPages<T>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  key: string,
): CursorPages<T> & { more(): void; reload(): void } {
  const [pages, setPages] = useState<CursorPages<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Counts first loads, so an answer to "more" for an earlier list is recognised and dropped.
  const generation = useRef(0);
  // `load` is a new function on every render; `key` says when it really changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let current = true;
    setPages({ state: 'loading' });
    generation.current += 1;
    load(undefined).then(
      (page) =>
        current &&
        setPages({
          state: 'ok',
          items: page.items,
          nextCursor: page.nextCursor,
          loadingMore: false,
          moreError: undefined,
        }),
      (error: unknown) => current && setPages({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const more = () => {
    if (pages.state !== 'ok' || pages.nextCursor === undefined || pages.loadingMore) return;
    const asked = generation.current;
    const { items, nextCursor } = pages;
    setPages({ ...pages, loadingMore: true, moreError: undefined });
    load(nextCursor).then(
      (page) => {
        if (generation.current !== asked) return;
        setPages({
          state: 'ok',
          items: [...items, ...page.items],
          nextCursor: page.nextCursor,
          loadingMore: false,
          moreError: undefined,
        });
      },
      (error: unknown) => {
        if (generation.current !== asked) return;
        setPages({ state: 'ok', items, nextCursor, loadingMore: false, moreError: error });
      },
    );
  };
  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return { ...pages, more, reload };
}

/** The "more" button under a paged list, with what went wrong when the next page failed. */
export function MoreButton<T>({ pages, label }: { pages: CursorPages<T> & { more(): void }; label: string }) {
  const { t } = usePortalLanguage();
  if (pages.state !== 'ok' || pages.nextCursor === undefined) return null;
  return (
    <>
      {pages.moreError !== undefined && <Problem error={pages.moreError} />}
      <Paragraph>
        <Button
          appearance="secondary-action-button"
          busy={pages.loadingMore}
          aria-disabled={pages.loadingMore}
          onClick={() => pages.more()}
        >
          {pages.loadingMore ? t.loading : label}
        </Button>
      </Paragraph>
    </>
  );
}
