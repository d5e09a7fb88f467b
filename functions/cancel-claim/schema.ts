import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { claimIdPath } from '../../shared/api/fields.ts';

export const cancelClaimPath = claimIdPath;

export const contract: RouteContract = {
  tag: 'Claims',
  summary: 'Withdraw a claim that awaits approval, or cancel an approved claim before capture',
  description:
    'Requires an Idempotency-Key header. Takes no body (an empty body or `{}`). A claim that awaits approval is ' +
    'withdrawn: nothing is held, so no money moves, and the citizen can no longer approve it. An approved claim ' +
    'is cancelled: everything it holds goes back to the citizen. Either way the claim becomes `cancelled`; any ' +
    'other state is 409 invalid_claim_state.',
  path: cancelClaimPath,
  responses: { 200: claimView },
  problems: ['unknown_claim', 'invalid_claim_state', 'idempotency_key_reused'],
};
