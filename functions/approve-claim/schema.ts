import * as z from 'zod';
import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, claimIdPath, schemeIdField } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const approveClaimPath = claimIdPath;

export const approveClaimBody = z
  .strictObject({
    parts: z
      .array(z.strictObject({ schemeId: schemeIdField, amount: amountField(limits.coursePriceCentsMax) }))
      .min(1)
      .max(limits.categoriesPerSchemeMax)
      .optional()
      .meta({
        description:
          'Your own split: how much each scheme pays. What the parts leave open you pay yourself. ' +
          'Leave it out for the proposed split of GET …/allocation.',
      }),
  })
  .optional()
  .meta({ id: 'ApproveClaimRequest' });

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Approve a claim: the money is held in your pots',
  description:
    'Requires an Idempotency-Key header. Without a body, with `{}` or without `parts`, the proposed split of ' +
    'GET …/allocation is used; all three are the same request for the Idempotency-Key.',
  path: approveClaimPath,
  body: approveClaimBody,
  bodyExample: {
    parts: [
      { schemeId: 'vakmanschap', amount: 15_000 },
      { schemeId: 'ontwikkelbudget', amount: 10_000 },
    ],
  },
  responses: { 200: claimView },
  problems: ['unknown_claim', 'claim_not_approvable', 'insufficient_funds', 'invalid_split', 'idempotency_key_reused'],
};
