/**
 * The citizen's login: the public client `web` (see `login.ts`). The pages of a signed-in person
 * load this module only when they sign in again or out, so oauth4webapi is not part of their
 * JavaScript.
 */
import { config } from './config.ts';
import { createLogin } from './login.ts';
import { citizenSession } from './session.ts';

export const { startLogin, completeLogin, logout } = createLogin(
  { ...config, pendingKey: 'leerrekening.login' },
  citizenSession,
);
