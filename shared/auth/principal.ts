import type { FunderType } from '../ledger/scheme.ts';
import type { Role } from './role.ts';

/** A business client as the client registry knows it. */
export interface ClientRecord {
  readonly clientId: string;
  readonly role: Exclude<Role, 'citizen'>;
  /** The organisation the client acts for: employer KvK number, funder id, provider id or auditor id. */
  readonly orgId: string;
  readonly orgName: string;
  /** Set for employers and funders: what kind of funder their schemes are. */
  readonly funderType?: FunderType;
  readonly status: 'active' | 'disabled';
}

/** Looks up business clients by OAuth `client_id`. */
export interface ClientRegistry {
  get(clientId: string): Promise<ClientRecord | undefined>;
}

/** Who is calling, as established by the authorizer. Never carries a BSN. */
export type Principal =
  | { readonly role: 'citizen'; readonly personId: string }
  | {
      readonly role: Exclude<Role, 'citizen'>;
      readonly clientId: string;
      readonly orgId: string;
      readonly orgName: string;
      readonly funderType?: FunderType;
      /**
       * Set when a person logged in to the business portal made the call for the organisation: the
       * pseudonymous user id the business issuer gave them (never a BSN). Absent for the
       * organisation's own client-credentials token.
       */
      readonly userId?: string;
    };

/**
 * The flat context an API Gateway Lambda authorizer passes on to the handlers
 * (API Gateway only carries string, number and boolean values).
 */
export interface AuthorizerContext {
  readonly role: Role;
  readonly personId?: string;
  readonly clientId?: string;
  readonly orgId?: string;
  readonly orgName?: string;
  readonly funderType?: FunderType;
  /** A business portal user acting for the organisation of `clientId`; see Principal. */
  readonly userId?: string;
}
