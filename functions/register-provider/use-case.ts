import type * as z from 'zod';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import type { Provider } from '../../shared/ledger/provider.ts';
import type { registerProviderBody } from './schema.ts';

/**
 * Registers a training provider, or updates one (name, IBAN, status). Suspending takes effect on
 * the provider's next claim or capture: both check the status inside their transaction.
 */
export async function registerProvider(dependencies: Dependencies, body: z.output<typeof registerProviderBody>): Promise<Outcome<Reply>> {
  const existed = (await dependencies.store.getProvider(body.providerId)) !== undefined;
  const provider: Provider = { ...body, updatedAt: dependencies.now().toISOString() };
  await dependencies.store.putProvider(provider);
  return succeed({ statusCode: existed ? 200 : 201, body: provider });
}
