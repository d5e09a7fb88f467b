import { Button, Paragraph } from '@utrecht/component-library-react';
import { LoginCallback } from '../components/login-callback.tsx';
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

/** `/auth/callback`: finishes the login and goes back to where the person was. */
export function CallbackPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useLanguage();
  return (
    <LoginCallback
      complete={(url) => import('../auth.ts').then((auth) => auth.completeLogin(url))}
      onSignedIn={onSignedIn}
      onAgain={() => startLogin('/')}
      texts={t.callback}
      Heading={PageHeading}
      Loading={Loading}
    />
  );
}
