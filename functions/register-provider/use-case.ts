import type * as z from 'zod/mini';
import type { providerView } from '../../shared/api/provider-view.ts';
import { auditActorOf, auditRecord } from '../../shared/application/audit.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { type Attempt, done, lost, type RetryOptions, retryWhileLost } from '../../shared/application/retry.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { AuditChanges } from '../../shared/ledger/audit.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { type Provider, payoutsHeldUntil } from '../../shared/ledger/provider.ts';
import { maskIban } from '../../shared/payouts/iban.ts';
import type { ProviderStore } from '../../shared/store/ledger-store.ts';
import type { registerProviderBody } from './schema.ts';

/**
 * Registers a training provider, or updates one (name, IBAN, status). Suspending takes effect on
 * the provider's next claim or capture: both check the status inside their transaction. The
 * audit entry is written in the same transaction and says who changed what: name, IBAN (masked to
 * its last four characters) and status, each old and new.
 *
 * A changed IBAN is not paid to at once: the payouts job holds the provider's payouts for
 * `limits.ibanChangeHoldHours`, so that one person alone cannot redirect money unseen. The entry
 * says until when (`changes.iban.payoutsHeldUntil`). The first IBAN of a new provider is not held:
 * nothing is owed to a provider before its claims are approved and captured.
 *
 * A registration that loses the race to another one on every attempt answers `concurrent_update`
 * at once, without a last wait; `dependencies.wait` replaces the back-off between attempts (a test
 * passes a no-op).
 */
export async function registerProvider(
  dependencies: UseCaseDependencies<Pick<ProviderStore, 'getProvider' | 'putProvider'>, 'now'> &
    Pick<RetryOptions, 'wait'>,
  principal: Principal,
  input: z.output<typeof registerProviderBody>,
): Promise<Outcome<Reply>> {
  // Written only while the provider is still as read, so the audit entry's "from" is what was
  // replaced: two registrations at once cannot leave a change (an IBAN back to an older one,
  // say) that no entry shows.
  return retryWhileLost(
    async (): Promise<Attempt<Outcome<Reply>, 'changed'>> => {
      const existing = await dependencies.store.getProvider(input.providerId);
      const now = dependencies.now();
      const at = now.toISOString();
      const ibanChanged = existing !== undefined && existing.iban !== input.iban;
      const ibanChangedAt = ibanChanged ? at : existing?.ibanChangedAt;
      const provider: Provider = {
        ...input,
        updatedAt: at,
        ...(ibanChangedAt !== undefined && { ibanChangedAt }),
      };
      const changes = changesOf(existing, provider, now);
      const audit = auditRecord(auditActorOf(principal), 'provider_register', now, {
        subject: { providerId: provider.providerId, status: provider.status },
        ...(changes !== undefined && { changes }),
      });
      const expected = existing === undefined ? 'absent' : { updatedAt: existing.updatedAt };
      if ((await dependencies.store.putProvider(provider, audit, expected)) !== 'written') return lost('changed');
      return done(succeed({ statusCode: existing === undefined ? 201 : 200, body: toProviderView(provider) }));
    },
    () => fail('concurrent_update', 'The provider was changed by another request at the same time. Try again.'),
    { wait: dependencies.wait },
  );
}

/** What a registration changed, or undefined for none; a new provider's every field is a change from nothing. */
function changesOf(before: Provider | undefined, after: Provider, now: Date): AuditChanges | undefined {
  const heldUntil = before === undefined ? undefined : payoutsHeldUntil(after, now);
  const changes: AuditChanges = {
    ...(before?.name !== after.name && { name: { ...(before && { from: before.name }), to: after.name } }),
    ...(before?.iban !== after.iban && {
      iban: {
        ...(before && { from: maskIban(before.iban) }),
        to: maskIban(after.iban),
        ...(heldUntil !== undefined && { payoutsHeldUntil: heldUntil }),
      },
    }),
    ...(before?.status !== after.status && { status: { ...(before && { from: before.status }), to: after.status } }),
  };
  return Object.keys(changes).length === 0 ? undefined : changes;
}

/** The provider as the API shows it: what was sent, and when; the IBAN hold is in the audit trail. */
function toProviderView(provider: Provider): z.output<typeof providerView> {
  const { providerId, name, kvk, iban, status, updatedAt } = provider;
  return { providerId, name, kvk, iban, status, updatedAt };
}
