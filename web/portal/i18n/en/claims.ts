import type { claims as nl } from '../nl/claims.ts';

/** Texts of the portal's claims pages in English. */
export const claims: typeof nl = {
  title: 'Claims',
};
