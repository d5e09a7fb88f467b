import type { Principal } from '../../shared/auth/principal.ts';

/**
 * Callers the use-case level tests act as (they call use cases with a principal, not through the
 * authorizer): the public funder, a sector fund and a provider, as the demo world names them.
 */
export const rijk = {
  role: 'funder',
  clientId: 'funder-rijk',
  orgId: 'rijksoverheid',
  orgName: 'Rijksoverheid',
  funderType: 'public',
} as const satisfies Principal;

export const sector = {
  role: 'funder',
  clientId: 'funder-sector',
  orgId: 'oo-techniek',
  orgName: 'O&O-fonds Techniek',
  funderType: 'sector',
} as const satisfies Principal;

export const noord = {
  role: 'provider',
  clientId: 'provider-noord',
  orgId: 'opleidingen-noord',
  orgName: 'Opleidingen Noord',
} as const satisfies Principal;
