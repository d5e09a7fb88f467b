import type { RouteContract } from '../../shared/api/contract.ts';
import { contract as approveClaim } from '../approve-claim/schema.ts';
import { contract as cancelClaim } from '../cancel-claim/schema.ts';
import { contract as captureClaim } from '../capture-claim/schema.ts';
import { contract as createClaim } from '../create-claim/schema.ts';
import { contract as createCourse } from '../create-course/schema.ts';
import { contract as createDeposit } from '../create-deposit/schema.ts';
import { contract as createDepositBatch } from '../create-deposit-batch/schema.ts';
import { contract as createScheme } from '../create-scheme/schema.ts';
import { contract as endEmployment } from '../end-employment/schema.ts';
import { contract as getAccount } from '../get-account/schema.ts';
import { contract as getAllocation } from '../get-allocation/schema.ts';
import { contract as getClaim } from '../get-claim/schema.ts';
import { contract as getDepositBatch } from '../get-deposit-batch/schema.ts';
import { contract as getOrganisation } from '../get-organisation/schema.ts';
import { contract as health } from '../health/schema.ts';
import { contract as listAudit } from '../list-audit/schema.ts';
import { contract as listClaims } from '../list-claims/schema.ts';
import { contract as listDepositBatches } from '../list-deposit-batches/schema.ts';
import { contract as listMyClaims } from '../list-my-claims/schema.ts';
import { contract as listPayouts } from '../list-payouts/schema.ts';
import { contract as listSchemes } from '../list-schemes/schema.ts';
import { contract as listTransactions } from '../list-transactions/schema.ts';
import { contract as previewEndEmployment } from '../preview-end-employment/schema.ts';
import { contract as reconciliation } from '../reconciliation/schema.ts';
import { contract as registerEmployee } from '../register-employee/schema.ts';
import { contract as registerProvider } from '../register-provider/schema.ts';
import { contract as rejectClaim } from '../reject-claim/schema.ts';
import { contract as searchCourses } from '../search-courses/schema.ts';
import { contract as usageReport } from '../usage-report/schema.ts';
import { contract as openapi } from './schema.ts';

/** Every route's contract by function name; a test checks that each route in the table has one. */
export const contracts: Readonly<Record<string, RouteContract>> = {
  'create-deposit': createDeposit,
  'create-deposit-batch': createDepositBatch,
  'list-deposit-batches': listDepositBatches,
  'get-deposit-batch': getDepositBatch,
  'create-scheme': createScheme,
  'end-employment': endEmployment,
  'preview-end-employment': previewEndEmployment,
  'get-account': getAccount,
  'get-organisation': getOrganisation,
  health,
  'list-schemes': listSchemes,
  'list-transactions': listTransactions,
  openapi,
  reconciliation,
  'register-employee': registerEmployee,
  'register-provider': registerProvider,
  'create-course': createCourse,
  'search-courses': searchCourses,
  'create-claim': createClaim,
  'list-claims': listClaims,
  'get-claim': getClaim,
  'list-my-claims': listMyClaims,
  'get-allocation': getAllocation,
  'approve-claim': approveClaim,
  'reject-claim': rejectClaim,
  'capture-claim': captureClaim,
  'cancel-claim': cancelClaim,
  'list-payouts': listPayouts,
  'list-audit': listAudit,
  'usage-report': usageReport,
};
