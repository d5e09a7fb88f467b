import type { RouteContract } from '../../shared/api/contract.ts';
import { pageQuery } from '../../shared/api/fields.ts';
import { claimsPage } from '../list-claims/schema.ts';

export const listMyClaimsQuery = pageQuery;

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Claims addressed to you, newest first',
  description: 'Claims training providers made for you, newest first, in every state.',
  query: listMyClaimsQuery,
  responses: { 200: claimsPage },
};
