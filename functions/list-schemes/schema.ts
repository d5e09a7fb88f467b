import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';
import { schemeView } from '../../shared/api/scheme-view.ts';

export const listSchemesQuery = pageQuery;

export const contract: RouteContract = {
  summary: 'List your own schemes',
  query: listSchemesQuery,
  responses: { 200: pageOf(schemeView) },
};
