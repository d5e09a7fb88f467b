import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

/**
 * What a form's action came to: a heading that takes the focus when it appears (keyboard and screen
 * reader users land on the result instead of on a button that is gone), and what happened in words.
 */
export function ActionResult({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Alert type="ok">
      <Heading2 ref={heading} tabIndex={-1}>
        {title}
      </Heading2>
      {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
    </Alert>
  );
}

/**
 * Why the API refused what the form sent, in plain words, above the form's button. It takes the
 * focus when it appears, so the reason is read out before anything else.
 */
export function FormProblem({ children }: { children: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <Alert type="error" ref={box} tabIndex={-1} data-testid="form-problem">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

/**
 * After a form was sent with mistakes, puts the focus on the first field that has one, so the
 * error message under it is read out; `attempt` counts the presses of the form's button.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, attempt: number, invalid: boolean): void {
  // Only a new attempt moves the focus, not each key pressed while fixing the field.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    if (attempt === 0 || !invalid) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
}
