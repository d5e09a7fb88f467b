import { apiHandler } from '../../shared/http/api-handler.ts';
import { getOrganisation } from './use-case.ts';

export const handler = apiHandler('get-organisation', {}, async ({ principal }) => getOrganisation(principal));
