import * as z from 'zod/mini';
import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, bsnField, courseIdField, dateField, referenceField } from '../../shared/api/fields.ts';
import { addDays } from '../../shared/ledger/dates.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createClaimBody = z
  .strictObject({
    bsn: bsnField,
    courseId: courseIdField,
    amount: amountField(limits.coursePriceCentsMax).check(
      z.meta({ description: 'Cents; at most the course’s published price.' }),
    ),
    startDate: dateField.check(
      z.meta({
        description:
          'One of the course’s start dates when it has them; in any case from ' +
          `${limits.claimStartDaysBackMax} days ago to ${limits.claimStartMonthsAheadMax} months ahead.`,
      }),
    ),
    reference: z.optional(referenceField),
  })
  .check(z.meta({ id: 'CreateClaimRequest' }));

export const contract: RouteContract = {
  tag: 'Claims',
  summary: 'Claim funding for a person and a course',
  description:
    'Requires an Idempotency-Key header. The claim waits for the citizen’s approval; no money moves until then.',
  body: createClaimBody,
  // Started two weeks ago: providers often claim once the course has begun.
  bodyExample: (today) => ({
    bsn: '999990019',
    courseId: 'excel-basis',
    amount: 25_000,
    startDate: addDays(today, -14),
    reference: 'Inschrijving 2026-0417',
  }),
  responses: { 201: claimView },
  problems: [
    'idempotency_key_reused',
    'unknown_person',
    'unknown_course',
    'amount_exceeds_price',
    'invalid_start_date',
    'provider_not_active',
    'claim_limit_reached',
  ],
};
