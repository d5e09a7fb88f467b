/**
 * The security headers, in one place for everything that answers: the API handlers
 * (`shared/http/api-handler.ts`), the stack for the answers no handler writes (API Gateway's
 * gateway responses: no token, denied, throttled, unknown route, integration failure; CloudFront's
 * own error pages), and the web app, served by CloudFront when deployed and by
 * `infra/local/web-app.ts` when run locally. So every response carries the same headers.
 */

/** Two years, the HSTS preload list's minimum, in seconds. */
export const hstsMaxAgeSeconds = 63_072_000;

/** Headers on every API answer: JSON needs no framing, sniffing, caching or referrers. */
export const apiSecurityHeaders = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': `max-age=${hstsMaxAgeSeconds}; includeSubDomains`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * RFC 6750 §3: every 401 of the API names the scheme it takes. A request that sent no bearer
 * token (none at all, or another scheme such as DPoP) gets the bare challenge, with no error
 * (§3.1); one whose bearer token was refused gets `error="invalid_token"`.
 */
export const bearerChallenge = {
  noToken: 'Bearer realm="leerrekening"',
  invalidToken: 'Bearer realm="leerrekening", error="invalid_token"',
} as const;

/** The request headers a browser may send to the API across origins. */
export const corsAllowedHeaders = ['Authorization', 'Content-Type', 'Idempotency-Key'] as const;

/**
 * The web app's Content-Security-Policy. Vite emits only external module scripts and stylesheets
 * (no inline script, no inline style element), so everything comes from the app's own origin, and
 * nothing else is allowed: no plugins, no framing, no base URL. React sets styles through the DOM,
 * which CSP allows. `connectOrigins` adds the API and the OpenID Connect issuer when they live
 * elsewhere: the browser fetches the issuer's discovery document and token endpoint itself
 * (code + PKCE). `upgradeInsecureRequests` is for the deployed site only; locally the app is plain
 * `http://localhost`.
 */
export function webContentSecurityPolicy(
  options: { readonly connectOrigins?: readonly string[]; readonly upgradeInsecureRequests?: boolean } = {},
): string {
  const connect = ["'self'", ...new Set(options.connectOrigins ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.upgradeInsecureRequests === true ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Headers on every web app answer besides its Content-Security-Policy and caching. */
export const webSecurityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // What the web app may use of the browser: none of the powerful features.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
} as const;

/**
 * A static header value for an API Gateway mapping: the value in single quotes, with the quotes
 * inside it (CSP keywords such as `'none'`) escaped with a backslash.
 */
export function gatewayHeaderValue(value: string): string {
  return `'${value.replaceAll("'", "\\'")}'`;
}
