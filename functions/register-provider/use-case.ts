import type * as z from 'zod';
import { auditActorOf, auditRecord } from '../../shared/application/audit.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Provider } from '../../shared/ledger/provider.ts';
import type { ProviderStore } from '../../shared/store/ledger-store.ts';
import type { registerProviderBody } from './schema.ts';

/**
 * Registers a training provider, or updates one (name, IBAN, status). Suspending takes effect on
 * the provider's next claim or capture: both check the status inside their transaction. The
 * audit entry (who, which provider, the status set) is written in the same transaction.
 */
export async function registerProvider(
  dependencies: UseCaseDependencies<Pick<ProviderStore, 'getProvider' | 'putProvider'>, 'now'>,
  principal: Principal,
  input: z.output<typeof registerProviderBody>,
): Promise<Outcome<Reply>> {
  const existed = (await dependencies.store.getProvider(input.providerId)) !== undefined;
  const now = dependencies.now();
  const provider: Provider = { ...input, updatedAt: now.toISOString() };
  const audit = auditRecord(auditActorOf(principal), 'provider_register', now, {
    subject: { providerId: provider.providerId, status: provider.status },
  });
  await dependencies.store.putProvider(provider, audit);
  return succeed({ statusCode: existed ? 200 : 201, body: provider });
}
