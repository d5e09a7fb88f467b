import * as z from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';

export const contract: RouteContract = {
  summary: 'Liveness check, no token needed',
  responses: { 200: z.object({ status: z.literal('ok') }) },
};
