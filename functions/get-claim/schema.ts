import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { claimIdPath } from '../../shared/api/fields.ts';

export const getClaimPath = claimIdPath;

export const contract: RouteContract = {
  tag: 'Claims',
  summary: 'One of your claims',
  description:
    'One claim your organisation made, in its current state. Another provider’s claim is 404, as if it did not exist.',
  path: getClaimPath,
  responses: { 200: claimView },
  problems: ['unknown_claim'],
};
