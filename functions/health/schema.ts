import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';

export const contract: RouteContract = {
  tag: 'Service',
  summary: 'Liveness check, no token needed',
  description: 'Answers 200 `{ "status": "ok" }` while the API can take requests. Public: no token.',
  responses: { 200: z.object({ status: z.literal('ok') }) },
};
