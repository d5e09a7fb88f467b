/**
 * The portal's session, apart from a citizen's in the same browser, and what happens when it ends:
 * the API answers 401 (or the token ran out), the portal forgets the token and shows the page that
 * says so, with a button that signs in again and comes back to the same page.
 */
import { createSessionStore } from '../src/session.ts';
import { portalBase } from './config.ts';

export const portalSession = createSessionStore('leerrekening.portal', portalBase);

/** The event the app listens for to show the expired-session page. */
export const sessionOverEvent = 'leerrekening:portal-session-over';

/**
 * Where pages keep what belongs to the signed-in user in this tab, such as the text of an uploaded
 * file (it holds BSNs): it goes when the session ends, so the next person at a shared computer
 * does not inherit it.
 */
export const userDataPrefix = 'leerrekening.portal.user.';

/** Removes everything pages kept under {@link userDataPrefix}. */
export function forgetUserData(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(userDataPrefix)) sessionStorage.removeItem(key);
}

/** Forgets the token, tells the app, and never settles: what was asked cannot be done any more. */
export function sessionOver(): Promise<never> {
  portalSession.forget();
  forgetUserData();
  window.dispatchEvent(new Event(sessionOverEvent));
  return new Promise<never>(() => undefined);
}
