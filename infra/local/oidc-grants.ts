/**
 * Grants of the local OpenID Connect provider. The citizen never sees a consent screen: `web` is
 * the project's own app, so a login grants what it asks for.
 */
import type { Grant, GrantConstructor } from './oidc-provider-module.ts';

interface GrantContext {
  oidc: {
    provider: { Grant: GrantConstructor };
    client: { clientId: string };
    account?: { accountId: string };
    session: { grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    requestParamOIDCScopes: Set<string>;
    requestParamScopes: Set<string>;
    resourceServers: Record<string, { scopes: Set<string> }>;
  };
}

/**
 * Finds the session's grant for the client, or starts one, and adds what this request asks for,
 * so the consent prompt finds nothing missing.
 */
export async function loadExistingGrant(ctx: GrantContext): Promise<Grant | undefined> {
  const { oidc } = ctx;
  if (oidc.account === undefined) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
  const grant = await grantFor(oidc.provider.Grant, oidc.client.clientId, oidc.account.accountId, grantId);
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
    const scopes = [...oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope));
    if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
  }
  await grant.save();
  return grant;
}

/** The existing grant when it belongs to this account and client, else a new one (unsaved). */
export async function grantFor(
  GrantModel: GrantConstructor,
  clientId: string,
  accountId: string | undefined,
  grantId: string | undefined,
): Promise<Grant> {
  if (accountId === undefined) throw new Error('local OpenID Connect provider: no account to grant to');
  const existing = grantId === undefined ? undefined : await GrantModel.find(grantId);
  // A grant of another account or client is never reused, even if a session points at it.
  if (existing !== undefined && existing.accountId === accountId && existing.clientId === clientId) return existing;
  return new GrantModel({ accountId, clientId });
}
