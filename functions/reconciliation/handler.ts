import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { reconciliation } from './use-case.ts';

export const handler = apiHandler('reconciliation', {}, ({ principal }) =>
  reconciliation(coreDependenciesFromEnvironment(), principal),
);
