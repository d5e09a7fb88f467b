import type { ClientRecord } from '../../shared/auth/principal.ts';

/**
 * The demo world of the README ("The demo world"), the same on every start. These secrets exist only in local mode: a
 * deployed system reads its issuers, audiences and client registry from configuration.
 */
export const demoClients: ReadonlyArray<
  ClientRecord & { readonly clientSecret: string; readonly description: string }
> = [
  {
    clientId: 'employer-demo',
    clientSecret: 'employer-demo-secret',
    role: 'employer',
    orgId: '12345678',
    orgName: 'Bouwbedrijf De Vries',
    funderType: 'employer',
    status: 'active',
    description: 'employer Bouwbedrijf De Vries (KvK 12345678)',
  },
  {
    clientId: 'funder-rijk',
    clientSecret: 'funder-rijk-secret',
    role: 'funder',
    orgId: 'rijksoverheid',
    orgName: 'Rijksoverheid',
    funderType: 'public',
    status: 'active',
    description: 'public funder Rijksoverheid (ontwikkelbudget)',
  },
  {
    clientId: 'funder-sector-demo',
    clientSecret: 'funder-sector-demo-secret',
    role: 'funder',
    orgId: 'oo-fonds-techniek',
    orgName: 'O&O-fonds Techniek',
    funderType: 'sector',
    status: 'active',
    description: 'sector fund O&O-fonds Techniek',
  },
  {
    clientId: 'provider-demo',
    clientSecret: 'provider-demo-secret',
    role: 'provider',
    orgId: 'opleidingen-noord',
    orgName: 'Opleidingen Noord',
    status: 'active',
    description: 'training provider Opleidingen Noord',
  },
  {
    clientId: 'auditor-demo',
    clientSecret: 'auditor-demo-secret',
    role: 'auditor',
    orgId: 'auditdienst',
    orgName: 'Auditdienst Leerrekening',
    status: 'active',
    description: 'auditor',
  },
];

export const demoCitizens = [
  { name: 'Jan Jansen', bsn: '999990019' },
  { name: 'Fatima el Amrani', bsn: '999993653' },
] as const;

/** The audience of every local access token (an absolute URI, as RFC 8707 asks of resource indicators). */
export const localAudience = 'urn:leerrekening:api';

/** The local pseudonymisation key. Fixed so that person ids survive a restart with kept data; never used in AWS. */
export const localPersonIdSecret = 'local-only-person-id-secret-not-for-production';
