import { Alert, Button, Paragraph } from '@utrecht/component-library-react';

/** A failure in plain words, for both apps, with a button to try again when that can help. */
export function ErrorAlert({
  message,
  retryLabel,
  retry,
}: {
  message: string;
  retryLabel: string;
  /** Absent when trying again cannot help (the thing does not exist, or is not the caller's). */
  retry?: (() => void) | undefined;
}) {
  return (
    <Alert type="error">
      <Paragraph>{message}</Paragraph>
      {retry !== undefined && (
        <Paragraph>
          <Button appearance="secondary-action-button" onClick={retry}>
            {retryLabel}
          </Button>
        </Paragraph>
      )}
    </Alert>
  );
}

/** The "one moment" line while a page loads, a status for screen readers. */
export function LoadingLine({ text }: { text: string }) {
  return (
    <Paragraph role="status" className="lr-loading">
      {text}
    </Paragraph>
  );
}
