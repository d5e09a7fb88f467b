/**
 * Where the app finds the login and the API. Locally everything is on one origin; a deployed
 * build names them with `VITE_OIDC_ISSUER` and `VITE_API_BASE` at build time.
 */
export const config = {
  issuer: import.meta.env['VITE_OIDC_ISSUER'] ?? `${window.location.origin}/oidc`,
  apiBase: import.meta.env['VITE_API_BASE'] ?? `${window.location.origin}/v1`,
  clientId: 'web',
  redirectUri: `${window.location.origin}/auth/callback`,
  postLogoutRedirectUri: `${window.location.origin}/`,
  /** The API, as a resource indicator (RFC 8707): the access token's audience. */
  resource: 'urn:leerrekening:api',
} as const;
