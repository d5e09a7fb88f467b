/**
 * The API's response bodies as TypeScript types, for clients: the web app and the tests. Each is
 * the output type of the zod schema the handler answers with and the OpenAPI document describes,
 * so a client cannot drift from what the API sends.
 *
 * Types only: importing this module (with `import type`) adds no code to a bundle.
 */
import type * as z from 'zod/mini';
import type { accountView } from './account-view.ts';
import type { allocationView } from './allocation-view.ts';
import type { auditEntryView, auditPage } from './audit-view.ts';
import type { claimStatusField, claimView, partView } from './claim-view.ts';
import type { courseView } from './course-view.ts';
import type { depositBatchAcceptedView, depositBatchSummaryView, depositBatchView } from './deposit-batch-view.ts';
import type { depositView } from './deposit-view.ts';
import type { employmentView } from './employment-view.ts';
import type { funderTypeField, nextCursorField } from './fields.ts';
import type { organisationView } from './organisation-view.ts';
import type { payoutView } from './payout-view.ts';
import type { providerView } from './provider-view.ts';
import type { reconciliationView } from './reconciliation-view.ts';
import type { schemeView } from './scheme-view.ts';
import type { transactionView } from './transaction-view.ts';
import type { usageReportView } from './usage-view.ts';

/** One page of a list of `T`, as every list answers (`pageOf`): `nextCursor` is absent on the last page. */
export type Page<T> = { items: T[]; nextCursor?: z.output<typeof nextCursorField> };

export type FunderType = z.output<typeof funderTypeField>;

/** `GET /organisation`: the organisation a business caller acts for. */
export type Organisation = z.output<typeof organisationView>;

/** `GET /me/account`. */
export type Account = z.output<typeof accountView>;
/** One funder's pot in an {@link Account}. */
export type Pot = Account['pots'][number];

/** An entry of `GET /me/transactions`. */
export type Transaction = z.output<typeof transactionView>;
export type TransactionType = Transaction['type'];

export type Claim = z.output<typeof claimView>;
export type ClaimStatus = z.output<typeof claimStatusField>;
/** What one scheme holds for a claim. */
export type Part = z.output<typeof partView>;

/** `GET /me/claims/{claimId}/allocation`. */
export type Allocation = z.output<typeof allocationView>;

export type Course = z.output<typeof courseView>;
export type Scheme = z.output<typeof schemeView>;
export type Deposit = z.output<typeof depositView>;
export type Payout = z.output<typeof payoutView>;
export type Employment = z.output<typeof employmentView>;
export type Provider = z.output<typeof providerView>;
export type AuditEntry = z.output<typeof auditEntryView>;
export type AuditPage = z.output<typeof auditPage>;
export type Reconciliation = z.output<typeof reconciliationView>;
export type DepositBatchAccepted = z.output<typeof depositBatchAcceptedView>;
export type DepositBatch = z.output<typeof depositBatchView>;
export type DepositBatchSummary = z.output<typeof depositBatchSummaryView>;
export type UsageReport = z.output<typeof usageReportView>;
