import type { Page } from '../store/ledger-store.ts';
import type { Reply } from './reply.ts';

/**
 * The one way a list answers: 200 with `{ items, nextCursor? }`, each item in its API view, and
 * `nextCursor` only when there is a next page (the schema side is `pageOf` in `shared/api/fields.ts`).
 */
export function pageReply<T, V>(page: Page<T>, view: (item: T) => V): Reply {
  return {
    statusCode: 200,
    body: {
      items: page.items.map((item) => view(item)),
      ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    },
  };
}
