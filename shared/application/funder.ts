import type { Principal } from '../auth/principal.ts';
import type { Funder } from '../ledger/scheme.ts';

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

/** The employer a caller acts for. Routes that call this admit only employers. */
export function employerIdOf(principal: Principal): string {
  if (principal.role !== 'employer') throw new Error(`employerIdOf: a ${principal.role} reached an employer-only route`);
  return principal.orgId;
}
