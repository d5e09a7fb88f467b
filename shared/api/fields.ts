import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { containsBsn } from '../identity/bsn.ts';
import { isIsoDate, isWithinRange } from '../ledger/dates.ts';
import { limits } from '../ledger/limits.ts';

/**
 * Field schemas shared by the request and response schemas. The same schemas validate requests
 * in the handlers and generate the OpenAPI document, so the contract cannot drift from the code.
 *
 * They are built with `zod/mini`, zod's functional API (`z.optional(x)`, `.check(z.maxLength(n))`):
 * the same schemas and messages in a fifth of the bundle, since the method-chaining API brings
 * every method of every type (JSON Schema generation included) into each function.
 */

/**
 * zod/mini loads no messages of its own: its default messages would all be "Invalid input". The
 * English ones (the same that `zod` loads) are set here, where every request schema starts.
 */
z.config(en());

/**
 * Well-formed Unicode without control characters. Text is stored, shown in the web app and
 * written into SEPA files, none of which can carry a lone surrogate or a NUL; DynamoDB itself
 * only stores valid UTF-8.
 *
 * The pattern is written for every reader of the OpenAPI document, not only for JavaScript with
 * the `u` flag: no `\p{…}` classes (Python's `re` refuses them, and ECMA-262 without `u` reads
 * `\p{Cc}` as the letters p, {, C, c and }), only `\xhh` and `\uhhhh` escapes, character classes,
 * one group and one alternation. A character is anything but a control character (C0, DEL, C1:
 * what `\p{Cc}` names) and anything but a surrogate (`\p{Cs}`); the second branch is a
 * well-formed surrogate pair, which a regex engine that reads UTF-16 code units (ECMA-262 without
 * `u`) sees as two units, and one that reads code points (with `u`, Python, Java) never reaches,
 * since there the pair is one character the first branch takes. So it means the same either way:
 * refuse control characters and lone surrogates, accept everything else.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: it names the control characters in order to refuse them.
export const plainTextPattern = /^([^\x00-\x1f\x7f-\x9f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** Refuses text that is not {@link plainTextPattern}. */
const plainText = (schema: z.ZodMiniString) =>
  schema.check(
    z.regex(plainTextPattern, 'Use plain text: no control characters and no broken Unicode.'),
    z.meta({
      description: 'Plain text: no control characters (U+0000–U+001F, U+007F–U+009F) and no lone surrogates.',
    }),
  );

/**
 * Refuses text with a BSN in it, in any spelling: `999990019`, `999.990.019`, `999 99 0019`,
 * full-width digits, digits glued to letters (the rule is {@link containsBsn}'s). Free text and ids
 * are stored (ids in keys), shown and written to the audit trail, and a BSN never is; a reference
 * is where a payroll system would put one. A check of its own, next to any pattern of the field.
 */
export const withoutBsn = (schema: z.ZodMiniString) =>
  schema.check(
    z.refine(
      (value) => !containsBsn(value),
      'This looks like it holds a BSN (nine digits that pass the elfproef, also with dots, spaces or hyphens ' +
        'between them): leave it out, because this text is stored and a BSN never is.',
    ),
  );

/** A BSN as sent in a request body: nine digits. The elfproef is checked by the use case (422 unknown_person). */
export const bsnField = z
  .string()
  .check(
    z.regex(/^[0-9]{9}$/, 'A BSN is exactly nine digits.'),
    z.meta({ description: 'Burgerservicenummer; never echoed in a response.', example: '999990019' }),
  );

/**
 * A calendar date: real (no 2026-02-30) and within `limits.dateMin` … `dateMax`, so a year like 0050
 * or 9999 gets a message that says which dates are accepted. Routes bound some dates further
 * (an end date not after today, a claim's start date within the claim window).
 */
export const dateField = z.string().check(
  z.refine(isIsoDate, { message: 'Use a real date as YYYY-MM-DD.', abort: true }),
  z.refine((date) => isWithinRange(date, { min: limits.dateMin, max: limits.dateMax }), {
    message: `Use a date from ${limits.dateMin} to ${limits.dateMax}.`,
  }),
  z.meta({ format: 'date', example: '2027-12-31' }),
);

export const timestampField = z.string().check(z.meta({ format: 'date-time', example: '2026-11-23T10:15:00.000Z' }));

/** A positive amount in whole euro cents, never a float. */
export const amountField = (max: number) =>
  z
    .number()
    .check(
      z.int('Amounts are whole euro cents (125000 is € 1,250.00).'),
      z.positive('The amount must be more than 0 cents.'),
      z.maximum(max, `The amount may be at most ${max} cents.`),
      z.meta({ description: 'Euro cents.', example: 125000 }),
    );

/** A signed amount in cents in a response. */
export const centsField = z.number().check(z.int(), z.meta({ description: 'Euro cents.' }));

export const schemeIdField = withoutBsn(
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(limits.schemeIdLengthMax),
      z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens, starting with a letter or digit.'),
    ),
).check(z.meta({ example: 'ontwikkelbudget' }));

/**
 * Free text a caller chooses but that is not stored (a search): plain text, trimmed, at most `max` characters.
 * It still travels in a query string, which access logs keep, so a BSN is refused here too.
 */
export const plainTextField = (max: number) => withoutBsn(plainText(z.string().check(z.trim(), z.maxLength(max))));

export const labelField = withoutBsn(
  plainText(z.string().check(z.trim(), z.minLength(1), z.maxLength(limits.labelLengthMax))),
);

export const referenceField = withoutBsn(plainText(z.string().check(z.maxLength(limits.referenceLengthMax))));

export const funderTypeField = z.enum(['public', 'sector', 'employer']);

/** `limit` and `cursor` query parameters of every list. */
export const pageQuery = z.strictObject({
  limit: z
    ._default(
      z.coerce
        .number()
        .check(
          z.int('limit must be a whole number.'),
          z.minimum(1),
          z.maximum(limits.pageSizeMax, `limit may be at most ${limits.pageSizeMax}.`),
        ),
      limits.pageSizeDefault,
    )
    .check(
      z.meta({ description: `Items per page, 1 to ${limits.pageSizeMax}; ${limits.pageSizeDefault} when absent.` }),
    ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))).check(
    z.meta({
      description:
        'Opaque: the `nextCursor` of the page before, passed on unchanged, with the same other parameters. ' +
        'A cursor that was changed or made up is 400.',
    }),
  ),
});

export const nextCursorField = z.optional(z.string()).check(
  z.meta({
    description: 'Opaque; send it as `cursor` to get the next page. Absent on the last page.',
  }),
);

/** The one page envelope of every list: `{ items, nextCursor? }` (see `pageReply` for the answer). */
export function pageOf<T extends z.core.SomeType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: nextCursorField });
}

/**
 * A claim id in a path: what this API hands out, nothing else. An id with a BSN in it is not one
 * (the 24 random base64url characters of a real id hold a stand-alone nine-digit run with odds of
 * about one in a hundred million), and refusing it keeps a BSN sent in a path out of the audit trail.
 */
export const claimIdPath = z.strictObject({
  claimId: withoutBsn(z.string().check(z.regex(/^clm_[A-Za-z0-9_-]{1,64}$/, 'This is not a claim id.'))).check(
    z.meta({
      description: 'The `claimId` of the claim, as POST /v1/claims answered it.',
      example: 'clm_Q2xhaW1FeGFtcGxlMDAwMDAx',
    }),
  ),
});

export const courseIdField = withoutBsn(
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(limits.courseIdLengthMax),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, dots, hyphens and underscores.'),
    ),
);

export const categoryField = withoutBsn(
  plainText(z.string().check(z.trim(), z.minLength(1), z.maxLength(limits.categoryLengthMax))),
);

/** A training provider's id: what it registered with, lowercase letters, digits and hyphens. */
export const providerIdField = withoutBsn(
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens.'),
    ),
);
