import { coreDependenciesFromEnvironment } from '../../../shared/runtime/environment.ts';
import { jobHandler, logFailure } from '../../../shared/runtime/job-handler.ts';
import { releaseExpiredReservations } from './use-case.ts';

/** Run by an EventBridge schedule (see `infra/scheduled-jobs.ts`) and by the local timer. */
export const handler = jobHandler('release-expired-reservations', () =>
  releaseExpiredReservations(coreDependenciesFromEnvironment(), { onFailure: logFailure }),
);
