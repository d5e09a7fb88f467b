import type * as z from 'zod';
import { toSchemeView } from '../../shared/api/scheme-view.ts';
import type { Dependencies } from '../../shared/application/dependencies.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Reply } from '../../shared/application/reply.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { dateOf } from '../../shared/ledger/dates.ts';
import { fail, succeed, type Outcome } from '../../shared/ledger/outcome.ts';
import { defineScheme } from '../../shared/ledger/scheme.ts';
import { initialBudgetShards } from '../../shared/ledger/scheme-totals.ts';
import type { createSchemeBody } from './schema.ts';

/** Defines a scheme for the calling employer or funder. */
export async function createScheme(
  dependencies: Dependencies,
  principal: Principal,
  body: z.output<typeof createSchemeBody>,
): Promise<Outcome<Reply>> {
  const now = dependencies.now();
  const defined = defineScheme(
    funderOf(principal),
    {
      schemeId: body.schemeId,
      label: body.label,
      ...(body.expiresAt !== undefined && { expiresAt: body.expiresAt }),
      ...(body.expiresAfterMonths !== undefined && { expiresAfterMonths: body.expiresAfterMonths }),
      ...(body.categories !== undefined && { categories: body.categories }),
      ...(body.maxPerCourse !== undefined && { maxPerCourseCents: body.maxPerCourse }),
      ...(body.revocable !== undefined && { revocable: body.revocable }),
      ...(body.budget !== undefined && { budgetCents: body.budget }),
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
