import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { claimIdPath } from '../../shared/api/fields.ts';

export const rejectClaimPath = claimIdPath;

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Reject a claim addressed to you',
  description:
    'No money moves. Rejecting twice answers the rejected claim again. A claim too old to approve may still be ' +
    'rejected until it has expired.',
  path: rejectClaimPath,
  responses: { 200: claimView },
  // concurrent_update: the claim changed on every attempt (functions/reject-claim/use-case.ts).
  problems: ['unknown_claim', 'claim_not_approvable', 'concurrent_update'],
};
