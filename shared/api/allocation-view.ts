import * as z from 'zod/mini';
import type { Allocation } from '../ledger/allocation.ts';
import type { Pot } from '../ledger/pot.ts';
import { partView } from './claim-view.ts';
import { centsField, funderTypeField } from './fields.ts';

/** The split approving a claim would make. */
export const allocationView = z
  .object({
    parts: z.array(
      z.extend(partView, { label: z.string(), funder: z.object({ type: funderTypeField, name: z.string() }) }),
    ),
    ownContribution: centsField.check(
      z.meta({ description: 'What your pots cannot cover: you pay this to the provider yourself.' }),
    ),
  })
  .check(z.meta({ id: 'Allocation' }));

/**
 * An allocation as the citizen sees it: one line per scheme, with its label and funder. A scheme is
 * its funder's and its id together, so two funders' schemes with the same id get a line each.
 */
export function toAllocationView(allocation: Allocation, pots: readonly Pot[]): z.output<typeof allocationView> {
  const parts: Array<z.output<typeof allocationView>['parts'][number]> = [];
  for (const part of allocation.parts) {
    const existing = parts.find(
      (candidate) => candidate.schemeId === part.schemeId && candidate.funderId === part.funderId,
    );
    if (existing !== undefined) {
      existing.amount += part.amountCents;
      continue;
    }
    const pot = pots.find((candidate) => candidate.potId === part.potId);
    parts.push({
      schemeId: part.schemeId,
      funderId: part.funderId,
      amount: part.amountCents,
      label: pot?.label ?? part.schemeId,
      funder: { type: pot?.funder.type ?? 'public', name: pot?.funder.name ?? '' },
    });
  }
  return { parts, ownContribution: allocation.ownContributionCents };
}
