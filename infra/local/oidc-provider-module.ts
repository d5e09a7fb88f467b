/**
 * What the local OpenID Connect provider uses of `oidc-provider` 9, which ships without type
 * declarations: the module, the provider instance, interaction details and grants. Only what
 * this code calls is declared, so a change in the library shows up at these few places.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The exports used: the `Provider` class and the error classes this code tells apart. */
export interface OidcProviderModule {
  Provider: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  errors: {
    InvalidTarget: new () => Error;
    SessionNotFound: new (...args: unknown[]) => Error;
  };
  interactionPolicy: {
    base(): InteractionPolicy;
    /** A check whose function answers true to prompt (Check.REQUEST_PROMPT), false not to. */
    Check: new (
      reason: string,
      description: string,
      check: (ctx: PolicyContext) => boolean,
    ) => PolicyCheck;
  };
}

/** A check of an interaction prompt. */
export type PolicyCheck = object;

/** What a policy check reads of the request. */
export interface PolicyContext {
  oidc: { client: { clientId: string }; session: { accountId?: string } };
}

/** oidc-provider's interaction policy: its prompts by name, each with an ordered set of checks. */
export interface InteractionPolicy {
  get(name: string): { checks: { add(check: PolicyCheck): void } } | undefined;
}

export interface OidcProvider {
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: GrantConstructor;
}

export interface InteractionDetails {
  uid: string;
  prompt: {
    name: string;
    details: { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  };
  params: { client_id: string; scope?: string };
  session?: { accountId?: string };
  grantId?: string;
}

export interface Grant {
  jti: string;
  accountId: string;
  clientId: string;
  addOIDCScope(scope: string): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

export interface GrantConstructor {
  new (properties: { accountId: string; clientId: string }): Grant;
  find(id: string): Promise<Grant | undefined>;
}

/** Loads oidc-provider; call it through `withRoutedNotices`, as its start-up notices come from the import. */
export async function importOidcProvider(): Promise<OidcProviderModule> {
  // @ts-expect-error -- oidc-provider 9 ships no type declarations; OidcProviderModule says what we use.
  return import('oidc-provider');
}
