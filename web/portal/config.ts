/**
 * Where the business portal finds the login and the API, and who it is to them. Locally everything
 * is on one origin; a deployed build names the business issuer (an eHerkenning broker, not the
 * citizens' DigiD one) with `VITE_PORTAL_OIDC_ISSUER` and the API with `VITE_API_BASE` at build time.
 */

/** Every path of the portal starts with this; the citizen app has the rest of the origin. */
export const portalBase = '/zakelijk/';

export const portalConfig = {
  issuer: import.meta.env['VITE_PORTAL_OIDC_ISSUER'] ?? `${window.location.origin}/oidc`,
  apiBase: import.meta.env['VITE_API_BASE'] ?? `${window.location.origin}/v1`,
  clientId: 'portal',
  redirectUri: `${window.location.origin}${portalBase}auth/callback`,
  postLogoutRedirectUri: `${window.location.origin}${portalBase}`,
  /** The API, as a resource indicator (RFC 8707): the access token's audience. */
  resource: 'urn:leerrekening:api',
} as const;
