import * as z from 'zod/mini';
import { claimView } from '../../shared/api/claim-view.ts';
import type { RouteContract } from '../../shared/api/contract.ts';
import { amountField, claimIdPath, dateField } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const captureClaimPath = claimIdPath;

export const captureClaimBody = z
  .strictObject({
    amount: amountField(limits.coursePriceCentsMax).check(
      z.meta({ description: 'Cents to take; at most what is held. The rest is released.' }),
    ),
    evidence: z.strictObject({
      kind: z.enum(['attendance', 'completion']),
      date: dateField.check(
        z.meta({
          description: 'When the person attended or completed: from the claim’s startDate up to today.',
          example: '2026-11-20',
        }),
      ),
    }),
  })
  .check(z.meta({ id: 'CaptureClaimRequest' }));

export const contract: RouteContract = {
  tag: 'Claims',
  summary: 'Take the held money on attendance or completion',
  description:
    'Requires an Idempotency-Key header. What is held but not taken goes back to the citizen in the same ' +
    'transaction. From the claim’s `captureBefore` on it can no longer be captured (409 invalid_claim_state).',
  path: captureClaimPath,
  body: captureClaimBody,
  bodyExample: (today) => ({ amount: 25_000, evidence: { kind: 'completion', date: today } }),
  responses: { 200: claimView },
  problems: [
    'unknown_claim',
    'invalid_claim_state',
    'amount_exceeds_reserved',
    'invalid_evidence',
    'provider_not_active',
    'idempotency_key_reused',
  ],
};
