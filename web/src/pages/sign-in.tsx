import { LoginCallback } from '../components/login-callback.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/problem.tsx';
import { SignInInvitation } from '../components/sign-in-invitation.tsx';
import { useLanguage } from '../i18n/index.ts';

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
  return (
    <SignInInvitation
      Heading={PageHeading}
      title={t.signIn.title}
      lead={t.signIn.intro}
      text={t.signIn.how}
      button={t.signIn.button}
      signIn={startLogin}
    />
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
