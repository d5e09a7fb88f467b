import type { RouteContract } from '../../shared/api/contract.ts';
import { pageQuery } from '../../shared/api/fields.ts';
import { claimsPage } from '../list-claims/schema.ts';

export const listMyClaimsQuery = pageQuery;

export const contract: RouteContract = {
  summary: 'Claims addressed to you, newest first',
  query: listMyClaimsQuery,
  responses: { 200: claimsPage },
};
