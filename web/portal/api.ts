/**
 * The business part of the API, typed, as the portal uses it: it is a client like any other, with
 * a portal user's token acting for the organisation (see the README's API section or the OpenAPI
 * document at `GET /v1/openapi.json`). A 401 ends the session (`session.ts`).
 */
import type {
  AuditEntry,
  AuditPage,
  Claim,
  ClaimStatus,
  Course,
  Deposit,
  DepositBatch,
  DepositBatchAccepted,
  DepositBatchSummary,
  Employment,
  Organisation,
  Page,
  Payout,
  Reconciliation,
  Scheme,
  UsageReport,
} from '../../shared/api/views.ts';
import { createApiRequest } from '../src/api-request.ts';
import { portalConfig } from './config.ts';
import { portalSession, sessionOver } from './session.ts';

export { ApiError, NetworkError } from '../src/api-request.ts';
export type {
  AuditEntry,
  AuditPage,
  Claim,
  ClaimStatus,
  Course,
  Deposit,
  DepositBatch,
  DepositBatchAccepted,
  DepositBatchSummary,
  Employment,
  Organisation,
  Page,
  Payout,
  Reconciliation,
  Scheme,
  UsageReport,
};

/** The business roles; each sees its own pages. */
export type BusinessRole = Organisation['role'];

const request = createApiRequest({
  apiBase: portalConfig.apiBase,
  sessions: portalSession,
  onSessionOver: sessionOver,
});

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

const segment = encodeURIComponent;

export const api = {
  organisation: () => request<Organisation>('GET', '/organisation'),

  // Employers and funders.
  schemes: (cursor?: string) => request<Page<Scheme>>('GET', withQuery('/schemes', { cursor })),
  createScheme: (body: Record<string, unknown>) => request<Scheme>('POST', '/schemes', { body }),
  deposit: (body: { bsn: string; schemeId: string; amount: number; reference?: string }, idempotencyKey: string) =>
    request<Deposit>('POST', '/deposits', { body, idempotencyKey }),
  uploadDeposits: (csv: Blob | string, idempotencyKey: string) =>
    request<DepositBatchAccepted>('POST', '/deposit-batches', {
      rawBody: { content: csv, contentType: 'text/csv' },
      idempotencyKey,
    }),
  depositBatches: (cursor?: string) =>
    request<Page<DepositBatchSummary>>('GET', withQuery('/deposit-batches', { cursor })),
  depositBatch: (batchId: string, cursor?: string) =>
    request<DepositBatch>('GET', withQuery(`/deposit-batches/${segment(batchId)}`, { cursor })),
  usage: (from: string, to: string) => request<UsageReport>('GET', withQuery('/reports/usage', { from, to })),

  // Employers only.
  registerEmployee: (body: { bsn: string; startDate: string }) => request<Employment>('POST', '/employees', { body }),
  /** What ending the employment now would return; moves nothing (`POST /v1/employees/end/preview`). */
  previewEndEmployment: (body: { bsn: string; endDate: string }) =>
    request<{ returned: number }>('POST', '/employees/end/preview', { body }),
  endEmployment: (body: { bsn: string; endDate: string }, idempotencyKey: string) =>
    request<{ returned: number }>('POST', '/employees/end', { body, idempotencyKey }),

  // Providers.
  courses: (query: { q?: string; category?: string; providerId?: string; limit?: number; cursor?: string } = {}) =>
    request<Page<Course>>(
      'GET',
      withQuery('/courses', { ...query, limit: query.limit === undefined ? undefined : String(query.limit) }),
    ),
  createCourse: (body: { courseId: string; title: string; category: string; price: number; startDates?: string[] }) =>
    request<Course>('POST', '/courses', { body }),
  claims: (query: { status?: ClaimStatus; cursor?: string } = {}) =>
    request<Page<Claim>>('GET', withQuery('/claims', query)),
  claim: (claimId: string) => request<Claim>('GET', `/claims/${segment(claimId)}`),
  createClaim: (
    body: { bsn: string; courseId: string; amount: number; startDate: string; reference?: string },
    idempotencyKey: string,
  ) => request<Claim>('POST', '/claims', { body, idempotencyKey }),
  capture: (
    claimId: string,
    body: { amount: number; evidence: { kind: 'attendance' | 'completion'; date: string } },
    idempotencyKey: string,
  ) => request<Claim>('POST', `/claims/${segment(claimId)}/capture`, { body, idempotencyKey }),
  cancel: (claimId: string, idempotencyKey: string) =>
    request<Claim>('POST', `/claims/${segment(claimId)}/cancel`, { idempotencyKey }),
  payouts: (cursor?: string) => request<Page<Payout>>('GET', withQuery('/payouts', { cursor })),

  // Auditors.
  reconciliation: () => request<Reconciliation>('GET', '/admin/reconciliation'),
  audit: (from: string, to: string, cursor?: string) =>
    request<AuditPage>('GET', withQuery('/admin/audit', { from, to, cursor })),
};
