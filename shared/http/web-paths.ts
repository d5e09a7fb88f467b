/**
 * Where the two browser apps live on the one origin: the business portal under `/zakelijk`, the
 * citizen app everywhere else (the API under `/v1`, the local login under `/oidc`). CloudFront's
 * routing function (`infra/web-hosting.ts`) and the local server (`infra/local/web-app.ts`) both
 * read it, so a path reaches the same app in both.
 */
export const portalPathPrefix = '/zakelijk';

/** The page that serves an app path (no file extension): the portal's or the citizen app's. */
export function appIndexFor(path: string): string {
  return path === portalPathPrefix || path.startsWith(`${portalPathPrefix}/`)
    ? `${portalPathPrefix.slice(1)}/index.html`
    : 'index.html';
}
