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

/** Forgets the token, tells the app, and never settles: what was asked cannot be done any more. */
export function sessionOver(): Promise<never> {
  portalSession.forget();
  window.dispatchEvent(new Event(sessionOverEvent));
  return new Promise<never>(() => undefined);
}
