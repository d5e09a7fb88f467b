import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { endEmploymentBody } from './schema.ts';
import { endEmployment } from './use-case.ts';

export const handler = apiHandler(
  'end-employment',
  { body: endEmploymentBody },
  async ({ principal, body, idempotencyKey }) =>
    endEmployment(await dependenciesFromEnvironment(), principal, { ...body, idempotencyKey }),
);
