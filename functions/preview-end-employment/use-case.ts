import type * as z from 'zod/mini';
import { personIdFor, type UseCaseDependencies } from '../../shared/application/dependencies.ts';
import { planEndOfEmployment } from '../../shared/application/end-employment.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { employerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { AccountStore, EmploymentStore } from '../../shared/store/ledger-store.ts';
import type { previewEndEmploymentBody } from './schema.ts';

export type PreviewEndEmploymentInput = z.output<typeof previewEndEmploymentBody>;

/**
 * What ending the employment now would return to the employer: the end's own plan
 * ({@link planEndOfEmployment}), read and never written. It writes nothing at all, not even an
 * audit entry: it moves no money and decides nothing, as reading a balance does not.
 */
export async function previewEndEmployment(
  dependencies: UseCaseDependencies<
    Pick<EmploymentStore, 'getEmployment'> & Pick<AccountStore, 'listPots'>,
    'now' | 'personIdSecret'
  >,
  principal: Principal,
  input: PreviewEndEmploymentInput,
): Promise<Outcome<Reply>> {
  const personId = personIdFor(dependencies, input.bsn);
  if (!personId.ok) return personId;
  const planned = await planEndOfEmployment(
    dependencies.store,
    { employerId: employerIdOf(principal), personId: personId.value, endDate: input.endDate },
    dependencies.now(),
    // Nothing is written, so the ids and the shard are never used; all pots count, in one plan.
    { transferIdFor: (pot) => pot.potId, shard: 0 },
  );
  if (!planned.ok) return planned;
  return succeed({ statusCode: 200, body: { returned: planned.value.returnedCents + planned.value.leftCents } });
}
