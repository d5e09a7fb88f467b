import { ApiError } from '../../api.ts';
import { problemText } from '../../components/problem.tsx';
import type { Messages } from '../../i18n/index.ts';

/**
 * Why an approval or rejection failed, in plain words. A refusal of the person's own split gets
 * its own text, so they know to choose another split rather than to try again.
 */
export function decisionProblem(error: unknown, custom: boolean, t: Messages): string {
  if (error instanceof ApiError) {
    if (error.code === 'insufficient_funds') return t.claim.insufficientFunds;
    if (error.code === 'claim_not_approvable' || error.code === 'invalid_claim_state') return t.claim.notApprovable;
    if (custom && (error.status === 409 || error.status === 422 || error.status === 400)) return t.claim.splitRefused;
  }
  return problemText(error, t);
}
