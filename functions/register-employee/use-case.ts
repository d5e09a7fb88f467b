import type * as z from 'zod/mini';
import { personIdFor, type UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { employerIdOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { EmploymentStore } from '../../shared/store/ledger-store.ts';
import type { registerEmployeeBody } from './schema.ts';

/** Registers that the calling employer employs a person, so it may deposit for them. */
export async function registerEmployee(
  dependencies: UseCaseDependencies<EmploymentStore, 'personIdSecret'>,
  principal: Principal,
  input: z.output<typeof registerEmployeeBody>,
): Promise<Outcome<Reply>> {
  const personId = personIdFor(dependencies, input.bsn);
  if (!personId.ok) return personId;
  const employment = { employerId: employerIdOf(principal), personId: personId.value, startDate: input.startDate };
  const result = await dependencies.store.startEmployment(employment);
  if (result === 'created') {
    return succeed({ statusCode: 201, body: { startDate: input.startDate, status: 'active' } });
  }
  const existing = await dependencies.store.getEmployment(employment.employerId, employment.personId);
  return succeed({ statusCode: 200, body: { startDate: existing?.startDate ?? input.startDate, status: 'active' } });
}
