import { ApiError } from '../api.ts';
import type { PortalMessages } from '../i18n/index.ts';
import { problemText } from './problem.tsx';

/**
 * What the API's refusal of a form means for that form: the page's own sentence for the problem's
 * `code` when it has one (`budget_exceeded`, `not_employed`), else the general one (network,
 * busy, server). Never a status code or an error code.
 */
export function refusalText(error: unknown, own: Readonly<Record<string, string>>, t: PortalMessages): string {
  if (error instanceof ApiError && error.code !== undefined && Object.hasOwn(own, error.code)) {
    return own[error.code] ?? problemText(error, t);
  }
  return problemText(error, t);
}
