import { accountView } from '../../shared/api/account-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Your balance per funder',
  description: 'A person with no money yet gets empty pots.',
  responses: { 200: accountView },
};
