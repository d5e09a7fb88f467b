import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { registerEmployeeBody } from './schema.ts';
import { registerEmployee } from './use-case.ts';

export const handler = apiHandler('register-employee', { body: registerEmployeeBody }, async ({ principal, body }) =>
  registerEmployee(await dependenciesFromEnvironment(), principal, body),
);
