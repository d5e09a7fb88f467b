import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { createSchemeBody } from './schema.ts';
import { createScheme } from './use-case.ts';

export const handler = apiHandler('create-scheme', { body: createSchemeBody }, ({ principal, body }) =>
  createScheme(coreDependenciesFromEnvironment(), principal, body),
);
