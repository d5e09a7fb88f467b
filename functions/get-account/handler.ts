import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { getAccount } from './use-case.ts';

export const handler = apiHandler('get-account', {}, ({ principal }) =>
  getAccount(coreDependenciesFromEnvironment(), principal),
);
