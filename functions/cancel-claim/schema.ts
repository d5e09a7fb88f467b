import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { claimIdPath } from '../../shared/api/fields.ts';

export const cancelClaimPath = claimIdPath;

export const contract: RouteContract = {
  summary: 'Cancel an approved claim before capture; everything held is released',
  description: 'Requires an Idempotency-Key header.',
  path: cancelClaimPath,
  responses: { 200: claimView },
  problems: ['unknown_claim', 'invalid_claim_state', 'idempotency_key_reused'],
};
