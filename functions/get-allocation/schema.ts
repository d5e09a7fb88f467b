import * as z from 'zod';
import { partView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { centsField, claimIdPath } from '../../shared/api/fields.ts';

export const getAllocationPath = claimIdPath;

export const allocationView = z
  .object({
    parts: z.array(partView.extend({ label: z.string(), funder: z.object({ type: z.enum(['public', 'sector', 'employer']), name: z.string() }) })),
    ownContribution: centsField.meta({ description: 'What your pots cannot cover: you pay this to the provider yourself.' }),
  })
  .meta({ id: 'Allocation' });

export const contract: RouteContract = {
  summary: 'Which of your pots would pay what if you approved now',
  description:
    'A claim you can no longer approve (no longer awaiting approval, or past its `approveBefore`) is 409 ' +
    'claim_not_approvable, as approving it would be.',
  path: getAllocationPath,
  responses: { 200: allocationView },
  problems: ['unknown_claim', 'claim_not_approvable'],
};
