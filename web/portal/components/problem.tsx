import { ErrorAlert, LoadingLine } from '../../src/components/error-alert.tsx';
import { ApiError, NetworkError } from '../api.ts';
import { type PortalMessages, usePortalLanguage } from '../i18n/index.ts';

/**
 * A failure in plain words; never a status code or an error code. A page that knows what an API
 * refusal means for its form (a `budget_exceeded`, say) says so itself; this is the rest.
 */
export function problemText(error: unknown, t: PortalMessages): string {
  if (error instanceof NetworkError) return t.errors.network;
  // 429: the organisation's usage plan (shared by its API clients and portal users) is used up for now.
  if (error instanceof ApiError && (error.status === 503 || error.status === 429)) return t.errors.busy;
  if (error instanceof ApiError && error.status === 403) return t.errors.forbidden;
  return t.errors.server;
}

/** An error alert, with a button to try again when that can help. */
export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = usePortalLanguage();
  const final = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return <ErrorAlert message={problemText(error, t)} retryLabel={t.errors.retry} retry={final ? undefined : retry} />;
}

export function Loading() {
  const { t } = usePortalLanguage();
  return <LoadingLine text={t.loading} />;
}
