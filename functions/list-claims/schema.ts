import * as z from 'zod';
import { claimStatusField, claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { nextCursorField, pageQuery } from '../../shared/api/fields.ts';

export const listClaimsQuery = pageQuery.extend({ status: claimStatusField.optional() });

export const claimsPage = z.object({ items: z.array(claimView), nextCursor: nextCursorField });

export const contract: RouteContract = {
  summary: 'Your claims as a provider, newest first',
  query: listClaimsQuery,
  responses: { 200: claimsPage },
};
