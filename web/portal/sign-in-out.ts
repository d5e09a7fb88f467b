/**
 * Signing in and out of the portal from a page. The login module (`auth.ts`, with oauth4webapi) is
 * loaded only when someone presses the button, so the pages of a signed-in user do without it.
 */

import { forgetUserData } from './session.ts';

/** Sends the browser to the login; the login module (with oauth4webapi) is loaded only now. */
export function signIn(returnTo: string): void {
  void import('./auth.ts').then((auth) => auth.portalLogin.startLogin(returnTo));
}

/** Signs out here and at the login service, which returns to the portal's first page. */
export function signOut(): void {
  forgetUserData();
  void import('./auth.ts').then((auth) => auth.portalLogin.logout());
}
