import { LoginCallback } from '../../src/components/login-callback.tsx';
import { SignInInvitation } from '../../src/components/sign-in-invitation.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/problem.tsx';
import { portalBase } from '../config.ts';
import { usePortalLanguage } from '../i18n/index.ts';
import { signIn } from '../sign-in-out.ts';

/** What someone who is not signed in sees, on any page: what this is, and the button to sign in. */
export function SignInPage() {
  const { t } = usePortalLanguage();
  return (
    <SignInInvitation
      Heading={PageHeading}
      title={t.signIn.title}
      lead={t.signIn.intro}
      text={t.signIn.how}
      button={t.signIn.button}
      signIn={signIn}
    />
  );
}

/** The session ran out: say so plainly, and come back to this very page after signing in again. */
export function ExpiredPage() {
  const { t } = usePortalLanguage();
  return (
    <SignInInvitation
      Heading={PageHeading}
      title={t.expired.title}
      text={t.expired.text}
      button={t.expired.button}
      signIn={signIn}
    />
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
