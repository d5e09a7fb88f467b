import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { ApiError, NetworkError } from '../api.ts';
import { type Messages, useLanguage } from '../i18n/index.ts';

/** A failure in plain words; never a status code or an error code. */
export function problemText(error: unknown, t: Messages): string {
  if (error instanceof NetworkError) return t.errors.network;
  // A 404 from the API here means the endpoint does not exist (yet): this part is not ready.
  if (error instanceof ApiError && error.status === 404) return t.errors.notReady;
  return t.errors.server;
}

export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useLanguage();
  return (
    <Alert type="error">
      <Paragraph>{problemText(error, t)}</Paragraph>
      {retry !== undefined && !(error instanceof ApiError && error.status === 404) && (
        <Paragraph>
          <Button appearance="secondary-action-button" onClick={retry}>
            {t.errors.retry}
          </Button>
        </Paragraph>
      )}
    </Alert>
  );
}

export function Loading() {
  const { t } = useLanguage();
  return (
    <Paragraph role="status" className="lr-loading">
      {t.loading}
    </Paragraph>
  );
}
