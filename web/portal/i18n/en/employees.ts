import type { employees as nl } from '../nl/employees.ts';

/** Texts of the portal's employees pages in English. */
export const employees: typeof nl = {
  title: 'Employees',
};
