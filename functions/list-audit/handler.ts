import { apiHandler } from '../../shared/http/api-handler.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { listAuditQuery } from './schema.ts';
import { listAudit } from './use-case.ts';

export const handler = apiHandler('list-audit', { query: listAuditQuery }, async ({ query }) => listAudit(storeFromEnvironment(), query));
