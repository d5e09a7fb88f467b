import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/problem.tsx';
import { useLanguage } from '../i18n/index.ts';
import { useRouter } from '../router.tsx';

/**
 * The login itself (`auth.ts`, with oauth4webapi) is loaded when it starts, on the button or on
 * `/auth/callback`: the page that invites to log in stays small.
 */
function startLogin(returnTo: string): void {
  void import('../auth.ts').then((auth) => auth.startLogin(returnTo));
}

/** What a person who is not logged in sees, on any page: what this is, and the login button. */
export function SignInPage() {
  const { t } = useLanguage();
  const { path, search } = useRouter();
  return (
    <>
      <PageHeading>{t.signIn.title}</PageHeading>
      <Paragraph lead>{t.signIn.intro}</Paragraph>
      <Paragraph>{t.signIn.how}</Paragraph>
      <Paragraph>
        <Button appearance="primary-action-button" onClick={() => startLogin(`${path}${search}`)}>
          {t.signIn.button}
        </Button>
      </Paragraph>
    </>
  );
}

/** The code in the address can be exchanged only once, even if the page renders twice. */
let completion: Promise<string> | undefined;

/** `/auth/callback`: finishes the login and goes back to where the person was. */
export function CallbackPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useLanguage();
  const { navigate } = useRouter();
  const [failed, setFailed] = useState(false);
  // Runs once: the code in the address can be exchanged only once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let current = true;
    completion ??= import('../auth.ts').then((auth) => auth.completeLogin(new URL(window.location.href)));
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
        <Button appearance="primary-action-button" onClick={() => startLogin('/')}>
          {t.callback.again}
        </Button>
      </Paragraph>
    </>
  );
}
