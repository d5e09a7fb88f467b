import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { getAllocationPath } from './schema.ts';
import { getAllocation } from './use-case.ts';

export const handler = apiHandler('get-allocation', { path: getAllocationPath }, async ({ principal, path }) =>
  getAllocation(coreDependenciesFromEnvironment(), principal, { claimId: path.claimId }),
);
