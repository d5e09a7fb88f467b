import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { buildOpenApiDocument } from './document.ts';

/**
 * The document of the day it was last built for. It changes with a deployment, and its date-based
 * request examples with the day (Europe/Amsterdam), so it is built again on an instance's first
 * request of each day and not on every request.
 */
let built: { readonly today: string; readonly document: ReturnType<typeof buildOpenApiDocument> } | undefined;

/**
 * The OpenAPI 3.1 document, generated from the route contracts (`document.ts`). Public: no caller,
 * and the clock only, for the examples' dates.
 */
export async function openApiDocument(dependencies: Pick<Dependencies, 'now'>): Promise<Reply> {
  const today = dateOf(dependencies.now());
  if (built?.today !== today) built = { today, document: buildOpenApiDocument(today) };
  return { statusCode: 200, body: built.document };
}
