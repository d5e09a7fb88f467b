import { ApiError, NetworkError } from '../api.ts';
import { type Messages, useLanguage } from '../i18n/index.ts';
import { ErrorAlert, LoadingLine } from './error-alert.tsx';

/** A failure in plain words; never a status code or an error code. */
export function problemText(error: unknown, t: Messages): string {
  if (error instanceof NetworkError) return t.errors.network;
  // A 404 from the API here means the endpoint does not exist (yet): this part is not ready.
  if (error instanceof ApiError && error.status === 404) return t.errors.notReady;
  return t.errors.server;
}

export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useLanguage();
  const final = error instanceof ApiError && error.status === 404;
  return <ErrorAlert message={problemText(error, t)} retryLabel={t.errors.retry} retry={final ? undefined : retry} />;
}

export function Loading() {
  const { t } = useLanguage();
  return <LoadingLine text={t.loading} />;
}
