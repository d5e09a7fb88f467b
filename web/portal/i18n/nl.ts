/**
 * Every text of the portal in Dutch, the default language, at language level B1: short sentences,
 * common words. Each part of the portal has its own file in `nl/`; this object also defines the
 * shape of the texts, `PortalMessages`, that English (`en.ts`) must match.
 */

import { audit } from './nl/audit.ts';
import { claims } from './nl/claims.ts';
import { common } from './nl/common.ts';
import { courses } from './nl/courses.ts';
import { deposits } from './nl/deposits.ts';
import { employees } from './nl/employees.ts';
import { payouts } from './nl/payouts.ts';
import { schemes } from './nl/schemes.ts';
import { usage } from './nl/usage.ts';

export const nl = {
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

export type PortalMessages = typeof nl;
