import { apiHandler } from '../../shared/http/api-handler.ts';
import { succeed } from '../../shared/ledger/outcome.ts';
import { storeFromEnvironment } from '../../shared/runtime/environment.ts';
import { registerProviderBody } from './schema.ts';

export const handler = apiHandler('register-provider', { body: registerProviderBody }, async ({ body }) => {
  const store = storeFromEnvironment();
  const existed = (await store.getProvider(body.providerId)) !== undefined;
  const provider = { ...body, updatedAt: new Date().toISOString() };
  await store.putProvider(provider);
  return succeed({ statusCode: existed ? 200 : 201, body: provider });
});
