import { allocationView } from '../../shared/api/allocation-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { claimIdPath } from '../../shared/api/fields.ts';

export const getAllocationPath = claimIdPath;

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Which of your pots would pay what if you approved now',
  description:
    'A claim you can no longer approve (no longer awaiting approval, or past its `approveBefore`) is 409 ' +
    'claim_not_approvable, as approving it would be.',
  path: getAllocationPath,
  responses: { 200: allocationView },
  problems: ['unknown_claim', 'claim_not_approvable'],
};
