import { portalClientId } from '../../infra/local/oidc-configuration.ts';
import { browse, CookieJar, exchangeCode, followToCallback, type LoginOptions, startLogin } from './citizen-login.ts';

/**
 * The business portal's login as a browser does it, without a browser: authorization code + PKCE
 * for the public client `portal` through the local login page that stands in for eHerkenning and
 * asks only for the organisation. For tests of the API and of the portal's web app alike.
 */

/** The portal's login options for a local system at `baseUrl`: its issuer and callback. */
export function portalLoginOptions(baseUrl: string): LoginOptions {
  const origin = new URL(baseUrl).origin;
  return { issuer: `${origin}/oidc`, redirectUri: `${origin}/zakelijk/auth/callback`, clientId: portalClientId };
}

/** Submits the portal login form: the organisation's business client id, typed in the code field. */
export function submitOrganisation(jar: CookieJar, loginUrl: string, orgClientId: string): Promise<Response> {
  return browse(jar, loginUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ organisatiecode: orgClientId }),
  });
}

/**
 * Logs in to the business portal of the local system at `baseUrl` (e.g. `http://localhost:3000`)
 * for the organisation with business client id `orgClientId` (e.g. `employer-demo`), through the
 * real local provider with code + PKCE, and returns the access token: a signed JWT that acts for
 * that organisation. Throws with the step that failed, e.g. for an organisation the login page
 * does not know.
 */
export async function portalToken(baseUrl: string, orgClientId: string): Promise<string> {
  const options = portalLoginOptions(baseUrl);
  const jar = new CookieJar();
  const login = await startLogin(jar, options);
  if (login.loginPage.status !== 200) throw new Error(`the portal login page answered ${login.loginPage.status}`);
  await login.loginPage.arrayBuffer();
  const submitted = await submitOrganisation(jar, login.loginUrl, orgClientId);
  if (submitted.status === 400) throw new Error(`the portal login page refused ${orgClientId}`);
  const callback = await followToCallback(jar, submitted, login.loginUrl, options.redirectUri);
  if (callback.searchParams.get('state') !== login.state) throw new Error('the callback carries another state');
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error(`the callback carries no code: ${callback.search}`);
  const response = await exchangeCode(options, code, login.codeVerifier);
  if (response.status !== 200) {
    throw new Error(`the token endpoint answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { access_token: string }).access_token;
}
