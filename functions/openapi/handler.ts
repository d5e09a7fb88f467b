import { publicHandler } from '../../shared/http/api-handler.ts';
import { buildOpenApiDocument } from './document.ts';

// Built once per instance: the document only changes with a deployment.
const document = buildOpenApiDocument();

export const handler = publicHandler('openapi', async () => ({ statusCode: 200, body: document }));
