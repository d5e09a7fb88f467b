/** Every text of the portal in English, part by part as in Dutch (`nl.ts`). */

import { audit } from './en/audit.ts';
import { claims } from './en/claims.ts';
import { common } from './en/common.ts';
import { courses } from './en/courses.ts';
import { deposits } from './en/deposits.ts';
import { employees } from './en/employees.ts';
import { payouts } from './en/payouts.ts';
import { schemes } from './en/schemes.ts';
import { usage } from './en/usage.ts';
import type { PortalMessages } from './nl.ts';

export const en: PortalMessages = {
  ...common,
  employees,
  schemes,
  deposits,
  usage,
  courses,
  claims,
  payouts,
  audit,
};
