import { Button, Paragraph } from '@utrecht/component-library-react';
import { LoginCallback } from '../../src/components/login-callback.tsx';
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

/** `/zakelijk/auth/callback`: finishes the login and goes back to where the user was. */
export function CallbackPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = usePortalLanguage();
  return (
    <LoginCallback
      complete={(url) => import('../auth.ts').then((auth) => auth.portalLogin.completeLogin(url))}
      onSignedIn={onSignedIn}
      onAgain={() => signIn(portalBase)}
      texts={t.callback}
      Heading={PageHeading}
      Loading={Loading}
    />
  );
}
