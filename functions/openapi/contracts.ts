import type { RouteContract } from '../../shared/api/contract.ts';
import { contract as createDeposit } from '../create-deposit/schema.ts';
import { contract as createScheme } from '../create-scheme/schema.ts';
import { contract as endEmployment } from '../end-employment/schema.ts';
import { contract as getAccount } from '../get-account/schema.ts';
import { contract as health } from '../health/schema.ts';
import { contract as listSchemes } from '../list-schemes/schema.ts';
import { contract as listTransactions } from '../list-transactions/schema.ts';
import { contract as reconciliation } from '../reconciliation/schema.ts';
import { contract as registerEmployee } from '../register-employee/schema.ts';
import { contract as openapi } from './schema.ts';

/** Every route's contract by function name; a test checks that each route in the table has one. */
export const contracts: Readonly<Record<string, RouteContract>> = {
  'create-deposit': createDeposit,
  'create-scheme': createScheme,
  'end-employment': endEmployment,
  'get-account': getAccount,
  health,
  'list-schemes': listSchemes,
  'list-transactions': listTransactions,
  openapi,
  reconciliation,
  'register-employee': registerEmployee,
};
