import { apiHandler } from '../../shared/http/api-handler.ts';
import { dependenciesFromEnvironment } from '../../shared/runtime/environment.ts';
import { previewEndEmploymentBody } from './schema.ts';
import { previewEndEmployment } from './use-case.ts';

export const handler = apiHandler(
  'preview-end-employment',
  { body: previewEndEmploymentBody },
  async ({ principal, body }) => previewEndEmployment(await dependenciesFromEnvironment(), principal, body),
);
