import { coreDependenciesFromEnvironment } from '../../../shared/runtime/environment.ts';
import { jobHandler, logFailure } from '../../../shared/runtime/job-handler.ts';
import { payerFromEnvironment, payoutFileStoreFromEnvironment } from '../../../shared/runtime/payout-environment.ts';
import { runPayouts } from './use-case.ts';

/** Run by an EventBridge schedule (see `infra/scheduled-jobs.ts`) and by the local timer. */
export const handler = jobHandler('payouts', () =>
  runPayouts(
    {
      ...coreDependenciesFromEnvironment(),
      payoutFiles: payoutFileStoreFromEnvironment(),
      payer: payerFromEnvironment(),
    },
    { onFailure: logFailure },
  ),
);
