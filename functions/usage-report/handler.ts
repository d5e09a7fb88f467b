import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { usageStoreFromEnvironment } from '../../shared/runtime/usage-environment.ts';
import { usageReportQuery } from './schema.ts';
import { usageReport } from './use-case.ts';

export const handler = apiHandler('usage-report', { query: usageReportQuery }, ({ principal, query }) =>
  usageReport({ ...coreDependenciesFromEnvironment(), usage: usageStoreFromEnvironment() }, principal, query),
);
