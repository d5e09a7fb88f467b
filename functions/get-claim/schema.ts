import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { claimIdPath } from '../../shared/api/fields.ts';

export const getClaimPath = claimIdPath;

export const contract: RouteContract = {
  summary: 'One of your claims',
  path: getClaimPath,
  responses: { 200: claimView },
  problems: ['unknown_claim'],
};
