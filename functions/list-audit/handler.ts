import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { listAuditQuery } from './schema.ts';
import { listAudit } from './use-case.ts';

export const handler = apiHandler('list-audit', { query: listAuditQuery }, ({ principal, query }) =>
  listAudit(coreDependenciesFromEnvironment(), principal, query),
);
