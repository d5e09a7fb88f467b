import { publicHandler } from '../../shared/http/api-handler.ts';
import { openApiDocument } from './use-case.ts';

export const handler = publicHandler('openapi', openApiDocument);
