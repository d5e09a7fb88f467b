import { apiHandler } from '../../shared/http/api-handler.ts';
import { succeed } from '../../shared/ledger/outcome.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';

export const handler = apiHandler('reconciliation', {}, async () => succeed({ statusCode: 200, body: await storeFromEnvironment().reconcile() }));
