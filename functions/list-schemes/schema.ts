import type { RouteContract } from '../../shared/api/contract.ts';
import { pageOf, pageQuery } from '../../shared/api/fields.ts';
import { schemeView } from '../../shared/api/scheme-view.ts';

export const listSchemesQuery = pageQuery;

export const contract: RouteContract = {
  tag: 'Schemes',
  summary: 'List your own schemes',
  description: 'The schemes your organisation defined, one page at a time; page on with `nextCursor`.',
  query: listSchemesQuery,
  responses: { 200: pageOf(schemeView) },
};
