import { claimStatusField, claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';

export const listClaimsQuery = pageQuery.extend({ status: claimStatusField.optional() });

export const claimsPage = pageOf(claimView);

export const contract: RouteContract = {
  summary: 'Your claims as a provider, newest first',
  query: listClaimsQuery,
  responses: { 200: claimsPage },
};
