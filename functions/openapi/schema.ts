import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';

export const contract: RouteContract = {
  tag: 'Service',
  summary: 'This OpenAPI 3.1 document, no token needed',
  description:
    'The OpenAPI 3.1 document of this API, generated from the schemas the handlers validate with. ' +
    'Public: no token.',
  responses: { 200: z.looseObject({ openapi: z.string() }) },
};
