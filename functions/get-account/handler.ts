import { apiHandler } from '../../shared/http/api-handler.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { getAccount } from './use-case.ts';

export const handler = apiHandler('get-account', {}, async ({ principal }) => getAccount(storeFromEnvironment(), principal, new Date()));
