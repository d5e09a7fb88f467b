import { coreDependenciesFromEnvironment } from '../../../shared/runtime/environment.ts';
import { jobHandler, logFailure } from '../../../shared/runtime/job-handler.ts';
import { expireStaleClaims } from './use-case.ts';

/** Run by an EventBridge schedule (see `infra/scheduled-jobs.ts`) and by the local timer. */
export const handler = jobHandler('expire-stale-claims', () =>
  expireStaleClaims(coreDependenciesFromEnvironment(), { onFailure: logFailure }),
);
