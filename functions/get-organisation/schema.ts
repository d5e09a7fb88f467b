import type { RouteContract } from '../../shared/api/contract.ts';
import { organisationView } from '../../shared/api/organisation-view.ts';

export const contract: RouteContract = {
  tag: 'Organisation',
  summary: 'The organisation you act for',
  description:
    'Its client id, name and role (and funder type for employers and funders), as the client registry holds ' +
    'them, so a business app can greet it and show the pages of its role. With a business portal user’s ' +
    'token it also names the user (`userId`). For every business role; a citizen’s token is 401.',
  responses: { 200: organisationView },
};
