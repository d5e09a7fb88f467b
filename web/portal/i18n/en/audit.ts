import type { audit as nl } from '../nl/audit.ts';

/** Texts of the portal's audit pages in English. */
export const audit: typeof nl = {
  title: 'Reconciliation',
};
