import type { Reply } from '../../shared/application/reply.ts';
import { buildOpenApiDocument } from './document.ts';

// Built once per instance, while the function initialises: the document only changes with a deployment.
const document = buildOpenApiDocument();

/** The OpenAPI 3.1 document, generated from the route contracts (`document.ts`). Public: no caller. */
export async function openApiDocument(): Promise<Reply> {
  return { statusCode: 200, body: document };
}
