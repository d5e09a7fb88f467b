import type { Funder } from '../ledger/scheme.ts';
import type { Principal } from './principal.ts';

/**
 * The one place where a caller's principal is narrowed to the role a route admits. The route table
 * (`shared/api/routes.ts`) and the shared middy chain already refuse every other role with 403, so
 * reaching the throw below is a bug in the route table, not a request to answer.
 */

/** The person a caller is. Routes that call this admit only citizens. */
export function personIdOf(principal: Principal): string {
  if (principal.role !== 'citizen') throw new Error(`personIdOf: a ${principal.role} reached a citizen-only route`);
  return principal.personId;
}

/** The provider a caller acts for. Routes that call this admit only providers. */
export function providerIdOf(principal: Principal): string {
  if (principal.role !== 'provider') throw new Error(`providerIdOf: a ${principal.role} reached a provider-only route`);
  return principal.orgId;
}

/** The employer a caller acts for. Routes that call this admit only employers. */
export function employerIdOf(principal: Principal): string {
  if (principal.role !== 'employer')
    throw new Error(`employerIdOf: a ${principal.role} reached an employer-only route`);
  return principal.orgId;
}

/**
 * The funder a business caller acts as. Employers fund as `employer`; funders carry their type
 * (public or sector) in the client registry. Routes that call this admit only these two roles.
 */
export function funderOf(principal: Principal): Funder {
  if (principal.role === 'employer') return { funderId: principal.orgId, type: 'employer', name: principal.orgName };
  if (principal.role === 'funder' && (principal.funderType === 'public' || principal.funderType === 'sector')) {
    return { funderId: principal.orgId, type: principal.funderType, name: principal.orgName };
  }
  throw new Error(`funderOf: a ${principal.role} client without a public or sector funder type reached a funder route`);
}
