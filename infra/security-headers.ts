/**
 * The security headers the stack itself adds: on API Gateway's own answers (gateway responses),
 * on what CloudFront serves for `/v1/*`, and on the web app. The API handlers set the same API
 * headers in `shared/http/api-handler.ts`; these repeat them for the answers no handler writes
 * (no token, denied, throttled, unknown route, integration failure), so every response carries them.
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

/** The request headers a browser may send to the API across origins. */
export const corsAllowedHeaders = ['Authorization', 'Content-Type', 'Idempotency-Key'] as const;

/**
 * The web app's Content-Security-Policy. Vite emits only external module scripts and stylesheets
 * (no inline script, no inline style element, no data: URLs), so everything comes from the app's
 * own origin. `connect-src` adds the API and the OpenID Connect issuer when they live elsewhere:
 * the browser fetches the issuer's discovery document and token endpoint itself (code + PKCE).
 */
export function webContentSecurityPolicy(connectOrigins: readonly string[]): string {
  const connect = ["'self'", ...new Set(connectOrigins)].join(' ');
  return [
    "default-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * A static header value for an API Gateway mapping: the value in single quotes, with the quotes
 * inside it (CSP keywords such as `'none'`) escaped with a backslash.
 */
export function gatewayHeaderValue(value: string): string {
  return `'${value.replaceAll("'", "\\'")}'`;
}
