import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { depositView } from '../../shared/api/deposit-view.ts';
import { amountField, bsnField, referenceField, schemeIdField } from '../../shared/api/fields.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const createDepositBody = z
  .strictObject({
    bsn: bsnField,
    schemeId: schemeIdField,
    amount: amountField(limits.depositAmountCentsMax),
    reference: z.optional(referenceField).check(z.meta({ description: 'Your own reference, returned in reports.' })),
  })
  .check(z.meta({ id: 'DepositRequest' }));

export const contract: RouteContract = {
  tag: 'Deposits',
  summary: 'Deposit into a person’s learning account',
  description: 'Requires an Idempotency-Key header. An employer may deposit only for its registered employees.',
  body: createDepositBody,
  bodyExample: { bsn: '999993653', schemeId: 'ontwikkelbudget', amount: 25_000, reference: 'Ontwikkelbudget 2026' },
  responses: { 201: depositView },
  problems: [
    'idempotency_key_missing',
    'idempotency_key_reused',
    'unknown_person',
    'unknown_scheme',
    'not_employed',
    'scheme_expired',
    'budget_exceeded',
  ],
};
