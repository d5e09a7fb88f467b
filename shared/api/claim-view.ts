import * as z from 'zod/mini';
import type { Claim } from '../ledger/claim.ts';
import { schemeKey } from '../ledger/course-use.ts';
import { centsField, dateField, timestampField } from './fields.ts';

export const claimStatusField = z.enum([
  'awaiting_approval',
  'approved',
  'rejected',
  'captured',
  'cancelled',
  'expired',
  'paid',
]);

/** Scheme ids are unique per funder only, so a part names both. */
export const partView = z.object({
  schemeId: z.string(),
  funderId: z
    .string()
    .check(z.meta({ description: 'The funder of the scheme: scheme ids are unique per funder only.' })),
  amount: centsField,
});

export const claimView = z
  .object({
    claimId: z.string(),
    status: claimStatusField,
    provider: z.object({ providerId: z.string(), name: z.string() }),
    course: z.object({ courseId: z.string(), title: z.string(), category: z.string() }),
    amount: centsField,
    startDate: dateField,
    reference: z.optional(z.string()),
    createdAt: timestampField,
    updatedAt: timestampField,
    approveBefore: z.optional(timestampField).check(z.meta({ description: 'Set while the claim awaits approval.' })),
    captureBefore: z
      .optional(timestampField)
      .check(z.meta({ description: 'Set once approved: held money not captured by then is released.' })),
    parts: z
      .optional(z.array(partView))
      .check(z.meta({ description: 'Set once approved: what each scheme holds for this claim.' })),
    ownContribution: z.optional(centsField),
    captured: z.optional(centsField),
    evidence: z.optional(z.object({ kind: z.enum(['attendance', 'completion']), date: dateField })),
    payoutId: z.optional(z.string()),
    flags: z.optional(z.array(z.enum(['person_never_logged_in']))).check(
      z.meta({
        description:
          'Signals set when the claim was made, for a second look. ' +
          '`person_never_logged_in`: the person had not logged in yet.',
      }),
    ),
  })
  .check(z.meta({ id: 'Claim' }));

/**
 * Merges pot parts into one part per scheme, as citizens and providers think of them. A scheme is
 * its funder's and its id together: two funders' schemes with the same id stay apart.
 */
export function partsBySchemeView(parts: Claim['parts']): Array<z.output<typeof partView>> {
  const byScheme = new Map<string, z.output<typeof partView>>();
  for (const part of parts ?? []) {
    const key = schemeKey(part.funderId, part.schemeId);
    const merged = byScheme.get(key) ?? { schemeId: part.schemeId, funderId: part.funderId, amount: 0 };
    merged.amount += part.amountCents;
    byScheme.set(key, merged);
  }
  return [...byScheme.values()];
}

/**
 * A claim as the API shows it. It never carries the person id or a BSN. Flags are shown to the
 * provider and to the citizen alike: "claimed before you ever logged in" is as much a warning to
 * the citizen as a signal to whoever reviews the provider.
 */
export function toClaimView(claim: Claim): z.output<typeof claimView> {
  return {
    claimId: claim.claimId,
    status: claim.status,
    provider: { providerId: claim.providerId, name: claim.providerName },
    course: { courseId: claim.courseId, title: claim.courseTitle, category: claim.category },
    amount: claim.amountCents,
    startDate: claim.startDate,
    ...(claim.reference !== undefined && { reference: claim.reference }),
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
    ...(claim.status === 'awaiting_approval' && { approveBefore: claim.approveBefore }),
    ...(claim.captureBefore !== undefined && claim.status === 'approved' && { captureBefore: claim.captureBefore }),
    ...(claim.parts !== undefined && { parts: partsBySchemeView(claim.parts) }),
    ...(claim.ownContributionCents !== undefined && { ownContribution: claim.ownContributionCents }),
    ...(claim.capturedCents !== undefined && { captured: claim.capturedCents }),
    ...(claim.evidence !== undefined && { evidence: claim.evidence }),
    ...(claim.payoutId !== undefined && { payoutId: claim.payoutId }),
    ...(claim.flags !== undefined && claim.flags.length > 0 && { flags: [...claim.flags] }),
  };
}
