import type * as z from 'zod/mini';
import { toSchemeView } from '../../shared/api/scheme-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { fail, type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import { defineScheme } from '../../shared/ledger/scheme.ts';
import { initialBudgetShards } from '../../shared/ledger/scheme-totals.ts';
import type { SchemeStore } from '../../shared/store/ledger-store.ts';
import type { createSchemeBody } from './schema.ts';

/** Defines a scheme for the calling employer or funder. */
export async function createScheme(
  dependencies: UseCaseDependencies<Pick<SchemeStore, 'createScheme'>, 'now'>,
  principal: Principal,
  input: z.output<typeof createSchemeBody>,
): Promise<Outcome<Reply>> {
  const now = dependencies.now();
  const defined = defineScheme(
    funderOf(principal),
    {
      schemeId: input.schemeId,
      label: input.label,
      ...(input.expiresAt !== undefined && { expiresAt: input.expiresAt }),
      ...(input.expiresAfterMonths !== undefined && { expiresAfterMonths: input.expiresAfterMonths }),
      ...(input.categories !== undefined && { categories: input.categories }),
      ...(input.maxPerCourse !== undefined && { maxPerCourseCents: input.maxPerCourse }),
      ...(input.revocable !== undefined && { revocable: input.revocable }),
      ...(input.budget !== undefined && { budgetCents: input.budget }),
    },
    dateOf(now),
    now.toISOString(),
  );
  if (!defined.ok) return defined;
  const scheme = defined.value;
  const created = await dependencies.store.createScheme(
    scheme,
    scheme.budgetCents === undefined ? undefined : initialBudgetShards(scheme.budgetCents),
  );
  if (created === 'exists') {
    return fail('scheme_exists', `You already have a scheme with id ${scheme.schemeId}. Choose another schemeId.`);
  }
  return succeed({ statusCode: 201, body: toSchemeView(scheme) });
}
