import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';

export const contract: RouteContract = {
  summary: 'This OpenAPI 3.1 document, no token needed',
  responses: { 200: z.object({ openapi: z.string() }).loose() },
};
