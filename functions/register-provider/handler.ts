import { apiHandler } from '../../shared/http/api-handler.ts';
import { coreDependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { registerProviderBody } from './schema.ts';
import { registerProvider } from './use-case.ts';

export const handler = apiHandler('register-provider', { body: registerProviderBody }, ({ principal, body }) =>
  registerProvider(coreDependenciesFromEnvironment(), principal, body),
);
