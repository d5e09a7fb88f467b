import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useRouter } from '../../src/router.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/problem.tsx';
import { portalBase } from '../config.ts';
import { usePortalLanguage } from '../i18n/index.ts';
import { signIn } from '../sign-in-out.ts';

/** What someone who is not signed in sees, on any page: what this is, and the button to sign in. */
export function SignInPage() {
  const { t } = usePortalLanguage();
  const { path, search } = useRouter();
  return (
    <>
      <PageHeading>{t.signIn.title}</PageHeading>
      <Paragraph lead>{t.signIn.intro}</Paragraph>
      <Paragraph>{t.signIn.how}</Paragraph>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={() => signIn(`${path}${search}`)}>
          {t.signIn.button}
        </Button>
      </Paragraph>
    </>
  );
}

/** The session ran out: say so plainly, and come back to this very page after signing in again. */
export function ExpiredPage() {
  const { t } = usePortalLanguage();
  const { path, search } = useRouter();
  return (
    <>
      <PageHeading>{t.expired.title}</PageHeading>
      <Paragraph>{t.expired.text}</Paragraph>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={() => signIn(`${path}${search}`)}>
          {t.expired.button}
        </Button>
      </Paragraph>
    </>
  );
}

/** The code in the address can be exchanged only once, even if the page renders twice. */
let completion: Promise<string> | undefined;

/** `/zakelijk/auth/callback`: finishes the login and goes back to where the user was. */
export function CallbackPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = usePortalLanguage();
  const { navigate } = useRouter();
  const [failed, setFailed] = useState(false);
  // Runs once: the code in the address can be exchanged only once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let current = true;
    completion ??= import('../auth.ts').then((auth) => auth.portalLogin.completeLogin(new URL(window.location.href)));
    completion.then(
      (returnTo) => {
        completion = undefined;
        if (!current) return;
        onSignedIn();
        navigate(returnTo, { replace: true });
      },
      (error: unknown) => {
        completion = undefined;
        console.error('signing in failed', error);
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
        <PageHeading>{t.callback.title}</PageHeading>
        <Loading />
      </>
    );
  }
  return (
    <>
      <PageHeading>{t.callback.failedTitle}</PageHeading>
      <Alert type="error">
        <Paragraph>{t.callback.failed}</Paragraph>
      </Alert>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={() => signIn(portalBase)}>
          {t.callback.again}
        </Button>
      </Paragraph>
    </>
  );
}
