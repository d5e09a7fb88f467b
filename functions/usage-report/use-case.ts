import type * as z from 'zod/mini';
import type { usageReportView } from '../../shared/api/usage-view.ts';
import type { UseCaseDependencies } from '../../shared/application/dependencies.ts';
import type { Reply } from '../../shared/application/reply.ts';
import { funderOf } from '../../shared/auth/caller.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { limits } from '../../shared/ledger/limits.ts';
import { type Outcome, succeed } from '../../shared/ledger/outcome.ts';
import type { Scheme } from '../../shared/ledger/scheme.ts';
import { usageAsOf, usageOfPeriod } from '../../shared/ledger/usage.ts';
import type { SchemeStore } from '../../shared/store/ledger-store.ts';
import type { UsageReportStore } from '../../shared/store/usage-store.ts';
import type { usageReportQuery } from './schema.ts';

/** Schemes whose days are read at once. */
const schemesInFlightMax = 10;

/**
 * The caller's usage report: per own scheme, the flows of the period and the persons who received
 * a deposit, from the daily aggregates (never the ledger). The progress is read before the
 * aggregates, so whatever `asOf` promises is in the aggregates read after it.
 */
export async function usageReport(
  dependencies: UseCaseDependencies<Pick<SchemeStore, 'listSchemes'>, 'now'> & {
    readonly usage: UsageReportStore;
  },
  principal: Principal,
  input: z.output<typeof usageReportQuery>,
): Promise<Outcome<Reply>> {
  const { funderId } = funderOf(principal);
  const asOf = usageAsOf(await dependencies.usage.listStreamProgress(), dependencies.now());
  const schemes = await ownSchemes(dependencies.store, funderId);
  const items: z.output<typeof usageReportView>['items'] = [];
  for (let start = 0; start < schemes.length; start += schemesInFlightMax) {
    const chunk = schemes.slice(start, start + schemesInFlightMax);
    const usages = await Promise.all(
      chunk.map(async (scheme) =>
        usageOfPeriod(await dependencies.usage.listUsageDays(funderId, scheme.schemeId, input)),
      ),
    );
    chunk.forEach((scheme, index) => {
      const usage = usages[index];
      if (usage === undefined) return;
      items.push({ schemeId: scheme.schemeId, label: scheme.label, ...usage.flowsCents, persons: usage.persons });
    });
  }
  const body: z.output<typeof usageReportView> = { from: input.from, to: input.to, asOf: asOf ?? null, items };
  return succeed({ statusCode: 200, body });
}

/** Every scheme of the funder, page by page, up to `limits.usageReportSchemesMax`. */
async function ownSchemes(store: Pick<SchemeStore, 'listSchemes'>, funderId: string): Promise<Scheme[]> {
  const schemes: Scheme[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listSchemes(funderId, {
      limit: limits.pageSizeMax,
      ...(cursor !== undefined && { cursor }),
    });
    schemes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && schemes.length < limits.usageReportSchemesMax);
  return schemes.slice(0, limits.usageReportSchemesMax);
}
