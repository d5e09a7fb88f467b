import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { type ComponentType, useEffect, useState } from 'react';
import { useRouter } from '../router.tsx';

/** The code in the address can be exchanged only once, even if the page renders twice. */
let completion: Promise<string> | undefined;

/**
 * The page the login service sends the browser back to (`/auth/callback`, `/zakelijk/auth/callback`),
 * for both apps: it finishes the login once, then goes back to where the person was; when that
 * fails, it says so with a button to sign in again.
 */
export function LoginCallback({
  complete,
  onSignedIn,
  onAgain,
  texts,
  Heading,
  Loading,
}: {
  /** Finishes the login with the address the browser came back to; resolves to the page to go to. */
  complete: (callbackUrl: URL) => Promise<string>;
  onSignedIn: () => void;
  onAgain: () => void;
  texts: { readonly title: string; readonly failedTitle: string; readonly failed: string; readonly again: string };
  Heading: ComponentType<{ children: string }>;
  Loading: ComponentType;
}) {
  const { navigate } = useRouter();
  const [failed, setFailed] = useState(false);
  // Runs once: the code in the address can be exchanged only once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let current = true;
    completion ??= complete(new URL(window.location.href));
    completion.then(
      (returnTo) => {
        completion = undefined;
        if (!current) return;
        onSignedIn();
        navigate(returnTo, { replace: true });
      },
      (error: unknown) => {
        completion = undefined;
        console.error('login failed', error);
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  if (!failed) {
    return (
      <>
        <Heading>{texts.title}</Heading>
        <Loading />
      </>
    );
  }
  return (
    <>
      <Heading>{texts.failedTitle}</Heading>
      <Alert type="error">
        <Paragraph>{texts.failed}</Paragraph>
      </Alert>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={onAgain}>
          {texts.again}
        </Button>
      </Paragraph>
    </>
  );
}
