import * as z from 'zod/mini';
import { claimStatusField, claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';

export const listClaimsQuery = z.extend(pageQuery, {
  status: z
    .optional(claimStatusField)
    .check(z.meta({ description: 'Only claims in this state.', example: 'approved' })),
});

export const claimsPage = pageOf(claimView);

export const contract: RouteContract = {
  tag: 'Claims',
  summary: 'Your claims as a provider, newest first',
  description:
    'The claims your organisation made, newest first; `status` narrows them to one state. ' +
    'Page on with `nextCursor`.',
  query: listClaimsQuery,
  responses: { 200: claimsPage },
};
