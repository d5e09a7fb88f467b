import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { ApiError, NetworkError } from '../api.ts';
import { type PortalMessages, usePortalLanguage } from '../i18n/index.ts';

/**
 * A failure in plain words; never a status code or an error code. A page that knows what an API
 * refusal means for its form (a `budget_exceeded`, say) says so itself; this is the rest.
 */
export function problemText(error: unknown, t: PortalMessages): string {
  if (error instanceof NetworkError) return t.errors.network;
  if (error instanceof ApiError && error.status === 503) return t.errors.busy;
  if (error instanceof ApiError && error.status === 403) return t.errors.forbidden;
  return t.errors.server;
}

/** An error alert, with a button to try again when that can help. */
export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = usePortalLanguage();
  const final = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return (
    <Alert type="error">
      <Paragraph>{problemText(error, t)}</Paragraph>
      {retry !== undefined && !final && (
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
  const { t } = usePortalLanguage();
  return (
    <Paragraph role="status" className="lr-loading">
      {t.loading}
    </Paragraph>
  );
}
