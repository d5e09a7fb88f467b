/**
 * The portal's login: the public client `portal`, code + PKCE (see `../src/login.ts`). Locally the
 * login page stands in for eHerkenning and asks only which organisation you work for.
 */
import { createLogin } from '../src/login.ts';
import { portalConfig } from './config.ts';
import { portalSession } from './session.ts';

export const portalLogin = createLogin({ ...portalConfig, pendingKey: 'leerrekening.portal.login' }, portalSession);
