import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { registerProviderBody } from './schema.ts';
import { registerProvider } from './use-case.ts';

export const handler = apiHandler('register-provider', { body: registerProviderBody }, async ({ principal, body }) =>
  registerProvider(await dependenciesFromEnvironment(), principal, body),
);
