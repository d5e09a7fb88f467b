/**
 * The portal's pages: which roles may open each, and its place in the menu. Every page but the
 * start page is loaded when it is first shown, so the first page carries only its own code.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { BusinessRole } from './api.ts';
import { portalBase } from './config.ts';
import type { PortalMessages } from './i18n/index.ts';

/** What a page gets from its path: the `:name` parts, decoded. */
export type RouteParams = Readonly<Record<string, string>>;

export interface PortalRoute {
  /** Below `/zakelijk/`, with `:name` for a part of the path, e.g. `claims/:claimId`. */
  readonly path: string;
  readonly roles: readonly BusinessRole[];
  /** Its entry in the menu, when it has one. */
  readonly nav?: keyof PortalMessages['nav'];
  readonly page: LazyExoticComponent<ComponentType<{ params: RouteParams }>>;
}

const depositing: readonly BusinessRole[] = ['employer', 'funder'];

export const portalRoutes: readonly PortalRoute[] = [
  {
    path: 'employees',
    roles: ['employer'],
    nav: 'employees',
    page: lazy(() => import('./pages/employees/employees-page.tsx').then((m) => ({ default: m.EmployeesPage }))),
  },
  {
    path: 'deposit',
    roles: depositing,
    nav: 'deposit',
    page: lazy(() => import('./pages/deposits/deposit-page.tsx').then((m) => ({ default: m.DepositPage }))),
  },
  {
    path: 'uploads',
    roles: depositing,
    nav: 'uploads',
    page: lazy(() => import('./pages/deposits/uploads-page.tsx').then((m) => ({ default: m.UploadsPage }))),
  },
  {
    path: 'uploads/:batchId',
    roles: depositing,
    page: lazy(() => import('./pages/deposits/upload-page.tsx').then((m) => ({ default: m.UploadPage }))),
  },
  {
    path: 'schemes',
    roles: depositing,
    nav: 'schemes',
    page: lazy(() => import('./pages/schemes/schemes-page.tsx').then((m) => ({ default: m.SchemesPage }))),
  },
  {
    path: 'usage',
    roles: depositing,
    nav: 'usage',
    page: lazy(() => import('./pages/usage/usage-page.tsx').then((m) => ({ default: m.UsagePage }))),
  },
  {
    path: 'courses',
    roles: ['provider'],
    nav: 'courses',
    page: lazy(() => import('./pages/courses/courses-page.tsx').then((m) => ({ default: m.CoursesPage }))),
  },
  {
    path: 'claims',
    roles: ['provider'],
    nav: 'claims',
    page: lazy(() => import('./pages/claims/claims-page.tsx').then((m) => ({ default: m.ClaimsPage }))),
  },
  {
    path: 'claims/:claimId',
    roles: ['provider'],
    page: lazy(() => import('./pages/claims/claim-page.tsx').then((m) => ({ default: m.ClaimPage }))),
  },
  {
    path: 'payouts',
    roles: ['provider'],
    nav: 'payouts',
    page: lazy(() => import('./pages/payouts/payouts-page.tsx').then((m) => ({ default: m.PayoutsPage }))),
  },
  {
    path: 'reconciliation',
    roles: ['auditor'],
    nav: 'reconciliation',
    page: lazy(() => import('./pages/audit/reconciliation-page.tsx').then((m) => ({ default: m.ReconciliationPage }))),
  },
  {
    path: 'audit',
    roles: ['auditor'],
    nav: 'audit',
    page: lazy(() => import('./pages/audit/audit-page.tsx').then((m) => ({ default: m.AuditTrailPage }))),
  },
];

/** The full path of a page, e.g. `portalPath('claims')` is `/zakelijk/claims`. */
export function portalPath(path: string): string {
  return `${portalBase}${path}`;
}

/** The route a path is for, with its parameters; undefined for the start page and unknown paths. */
export function matchRoute(path: string): { route: PortalRoute; params: RouteParams } | undefined {
  if (!path.startsWith(portalBase)) return undefined;
  const parts = path
    .slice(portalBase.length)
    .split('/')
    .filter((part) => part !== '');
  for (const route of portalRoutes) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((expected, index) => {
      const actual = parts[index] ?? '';
      if (!expected.startsWith(':')) return expected === actual;
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { route, params };
  }
  return undefined;
}
