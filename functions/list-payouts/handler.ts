import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { listPayoutsQuery } from './schema.ts';
import { listPayouts } from './use-case.ts';

export const handler = apiHandler('list-payouts', { query: listPayoutsQuery }, ({ principal, query }) =>
  listPayouts(coreDependenciesFromEnvironment(), principal, query),
);
