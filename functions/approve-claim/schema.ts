import * as z from 'zod/mini';
import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, claimIdPath, schemeIdField, withoutBsn } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const approveClaimPath = claimIdPath;

/** The funder whose scheme a part means: the `funderId` a split part of `GET …/allocation` names. */
const funderIdField = withoutBsn(
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use the funderId of GET …/allocation or GET /v1/me/account.'),
    ),
).check(
  z.meta({
    description:
      'The funder of the scheme. Needed only when two of your schemes share the schemeId; leave it out otherwise.',
    example: 'rijksoverheid',
  }),
);

export const approveClaimBody = z
  .optional(
    z.strictObject({
      parts: z
        .optional(
          z
            .array(
              z.strictObject({
                schemeId: schemeIdField,
                funderId: z.optional(funderIdField),
                amount: amountField(limits.coursePriceCentsMax),
              }),
            )
            .check(z.minLength(1), z.maxLength(limits.categoriesPerSchemeMax)),
        )
        .check(
          z.meta({
            description:
              'Your own split: how much each scheme pays. What the parts leave open you pay yourself. ' +
              'Scheme ids are unique per funder only: when two of your schemes share an id, ' +
              'name the funder with funderId. ' +
              'Leave it out for the proposed split of GET …/allocation.',
          }),
        ),
    }),
  )
  .check(z.meta({ id: 'ApproveClaimRequest' }));

export const contract: RouteContract = {
  tag: 'My account',
  summary: 'Approve a claim: the money is held in your pots',
  description:
    'Requires an Idempotency-Key header. Without a body, with `{}` or without `parts`, the proposed split of ' +
    'GET …/allocation is used; all three are the same request for the Idempotency-Key.',
  path: approveClaimPath,
  body: approveClaimBody,
  bodyExample: {
    parts: [
      { schemeId: 'vakmanschap', amount: 15_000 },
      { schemeId: 'ontwikkelbudget', amount: 10_000 },
    ],
  },
  responses: { 200: claimView },
  problems: [
    'unknown_claim',
    'claim_not_approvable',
    'insufficient_funds',
    'invalid_split',
    'ambiguous_scheme',
    'idempotency_key_reused',
  ],
};
