import * as z from 'zod/mini';
import type { RouteContract } from '../../shared/api/contract.ts';
import { labelField, providerIdField } from '../../shared/api/fields.ts';
import { sepaIbanField } from '../../shared/api/iban-field.ts';
import { providerView } from '../../shared/api/provider-view.ts';
import { limits } from '../../shared/ledger/limits.ts';

export const registerProviderBody = z
  .strictObject({
    providerId: providerIdField,
    name: labelField,
    kvk: z.string().check(z.regex(/^[0-9]{8}$/, 'A KvK number is exactly eight digits.')),
    iban: sepaIbanField,
    status: z.enum(['active', 'suspended']),
  })
  .check(z.meta({ id: 'RegisterProviderRequest' }));

export const contract: RouteContract = {
  tag: 'Administration',
  summary: 'Register, update or suspend a training provider',
  description:
    'Answers 201 for a new provider and 200 for an update. A suspended provider can neither claim nor capture. ' +
    `After an IBAN change the provider's payouts wait ${limits.ibanChangeHoldHours} hours (a cooling-off period) ` +
    'before any money goes to the new IBAN; the audit entry says until when (`changes.iban.payoutsHeldUntil`). ' +
    "A new provider's first IBAN is not held.",
  body: registerProviderBody,
  bodyExample: {
    providerId: 'cursuscentrum-zuid',
    name: 'Cursuscentrum Zuid',
    kvk: '23456789',
    iban: 'NL20INGB0001234567',
    status: 'active',
  },
  responses: { 201: providerView, 200: providerView },
  // concurrent_update: the provider changed on every attempt (functions/register-provider/use-case.ts).
  problems: ['concurrent_update'],
};
