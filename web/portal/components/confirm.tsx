import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The step before an action that moves money or cannot be undone: a heading that takes the focus
 * (so keyboard and screen reader users land on it), what will happen to the money in plain words,
 * and two buttons. No modal dialog: it sits in the page where the action was, at any zoom.
 */
export function Confirm({
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  /** What will happen, e.g. "€ 450,00 goes back to the person's pot". */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** While the request runs: the buttons stay where they are but do nothing. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="confirm-title" className="lr-confirm">
      <Alert type="warning">
        <Heading2 id="confirm-title" ref={heading} tabIndex={-1}>
          {title}
        </Heading2>
        {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
        <ButtonGroup>
          <Button appearance="primary-action-button" aria-disabled={busy} onClick={() => busy || onConfirm()}>
            {confirmLabel}
          </Button>
          <Button appearance="secondary-action-button" aria-disabled={busy} onClick={() => busy || onCancel()}>
            {cancelLabel}
          </Button>
        </ButtonGroup>
      </Alert>
    </section>
  );
}
