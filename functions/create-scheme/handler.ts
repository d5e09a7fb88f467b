import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { createSchemeBody } from './schema.ts';
import { createScheme } from './use-case.ts';

export const handler = apiHandler('create-scheme', { body: createSchemeBody }, async ({ principal, body }) =>
  createScheme(await dependenciesFromEnvironment(), principal, body),
);
