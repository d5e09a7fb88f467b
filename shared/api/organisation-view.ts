import * as z from 'zod/mini';
import type { Principal } from '../auth/principal.ts';
import { funderTypeField } from './fields.ts';

/**
 * The organisation a business caller acts for, as the business portal shows it: its name, and the
 * role that decides which pages it gets. Read from the caller's token and the client registry.
 */
export const organisationView = z
  .object({
    clientId: z
      .string()
      .check(z.meta({ description: 'The organisation’s business client id; also for a portal user’s token.' })),
    name: z.string().check(z.meta({ description: 'The organisation’s name, as the client registry holds it.' })),
    role: z.enum(['employer', 'funder', 'provider', 'auditor']),
    funderType: z
      .optional(funderTypeField)
      .check(z.meta({ description: 'For employers and funders: what kind of funder their schemes are.' })),
    userId: z.optional(z.string()).check(
      z.meta({
        description:
          'The pseudonymous id of the person logged in to the business portal; absent for the organisation’s own ' +
          'client token. Never a BSN.',
      }),
    ),
  })
  .check(z.meta({ id: 'Organisation' }));

/** The organisation view of a business caller. */
export function toOrganisationView(
  principal: Exclude<Principal, { role: 'citizen' }>,
): z.output<typeof organisationView> {
  return {
    clientId: principal.clientId,
    name: principal.orgName,
    role: principal.role,
    ...(principal.funderType !== undefined && { funderType: principal.funderType }),
    ...(principal.userId !== undefined && { userId: principal.userId }),
  };
}
