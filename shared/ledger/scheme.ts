import { addMonths } from './dates.ts';
import { limits } from './limits.ts';
import { fail, type Outcome, succeed } from './outcome.ts';

/** The kind of organisation that funds a scheme; it also orders who pays first at equal expiry. */
export type FunderType = 'public' | 'sector' | 'employer';

/** The funder of a scheme as citizens see it. */
export interface Funder {
  readonly funderId: string;
  readonly type: FunderType;
  readonly name: string;
}

/** When the money in a pot of this scheme stops being usable. */
export type ExpiryRule =
  | { readonly kind: 'fixed'; readonly date: string }
  | { readonly kind: 'afterMonths'; readonly months: number }
  | { readonly kind: 'never' };

/** A regeling: the rules one funder attaches to the money it deposits. */
export interface Scheme {
  readonly funder: Funder;
  readonly schemeId: string;
  readonly label: string;
  readonly expiry: ExpiryRule;
  /** Course categories the money may pay for; absent means every category. */
  readonly categories?: readonly string[];
  readonly maxPerCourseCents?: number;
  /** Whether unused money returns to the funder when employment ends. */
  readonly revocable: boolean;
  /** Total that deposits into this scheme may not exceed; absent means no cap. */
  readonly budgetCents?: number;
  readonly createdAt: string;
}

export interface SchemeDefinition {
  readonly schemeId: string;
  readonly label: string;
  readonly expiresAt?: string;
  readonly expiresAfterMonths?: number;
  readonly categories?: readonly string[];
  readonly maxPerCourseCents?: number;
  readonly revocable?: boolean;
  readonly budgetCents?: number;
}

/**
 * Builds a scheme from a funder's definition, checking the rules that need more than the shape
 * of the request: one expiry rule at most, and a fixed expiry date that is still ahead.
 */
export function defineScheme(
  funder: Funder,
  definition: SchemeDefinition,
  today: string,
  createdAt: string,
): Outcome<Scheme> {
  if (definition.expiresAt !== undefined && definition.expiresAfterMonths !== undefined) {
    return fail('invalid_expiry', 'Give either expiresAt or expiresAfterMonths, not both.');
  }
  if (definition.expiresAt !== undefined && definition.expiresAt <= today) {
    return fail(
      'invalid_expiry',
      `expiresAt must be after today (${today}): money would expire before it could be used.`,
    );
  }
  // A fixed date may lie as far ahead as the longest relative expiry, and no further.
  const latestExpiry = addMonths(today, limits.expiresAfterMonthsMax);
  if (definition.expiresAt !== undefined && definition.expiresAt > latestExpiry) {
    return fail(
      'invalid_expiry',
      `expiresAt may be at most ${limits.expiresAfterMonthsMax} months ahead (${latestExpiry}). ` +
        'Pick an earlier date, or leave the money without an expiry date.',
    );
  }
  const expiry: ExpiryRule =
    definition.expiresAt !== undefined
      ? { kind: 'fixed', date: definition.expiresAt }
      : definition.expiresAfterMonths !== undefined
        ? { kind: 'afterMonths', months: definition.expiresAfterMonths }
        : { kind: 'never' };
  return succeed({
    funder,
    schemeId: definition.schemeId,
    label: definition.label,
    expiry,
    ...(definition.categories !== undefined && { categories: [...new Set(definition.categories)] }),
    ...(definition.maxPerCourseCents !== undefined && { maxPerCourseCents: definition.maxPerCourseCents }),
    revocable: definition.revocable ?? false,
    ...(definition.budgetCents !== undefined && { budgetCents: definition.budgetCents }),
    createdAt,
  });
}

/**
 * The date from which money deposited on `depositDate` can no longer be spent, or undefined when
 * it never expires. Money is usable up to and including the day before this date.
 */
export function expiryDateFor(scheme: Scheme, depositDate: string): string | undefined {
  switch (scheme.expiry.kind) {
    case 'fixed':
      return scheme.expiry.date;
    case 'afterMonths':
      return addMonths(depositDate, scheme.expiry.months);
    case 'never':
      return undefined;
  }
}
