import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/index.ts';
import { AppLink } from '../router.tsx';
import { Frame } from './frame.tsx';

/** Loads the login module only when it is needed: logging out is rare, and it brings oauth4webapi. */
function logOut(): void {
  void import('../auth.ts').then(({ logout }) => logout());
}

/** Every page of the citizen app: the frame (`frame.tsx`) with, when logged in, the main menu. */
export function Layout({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const { t, language, setLanguage } = useLanguage();
  return (
    <Frame
      texts={{ ...t, signOut: t.logOut }}
      home="/"
      language={language}
      setLanguage={setLanguage}
      onSignOut={signedIn ? logOut : undefined}
      header={
        signedIn && (
          <nav aria-label={t.mainNavigation} className="lr-nav">
            <ul className="lr-nav__list">
              <li>
                <AppLink to="/">{t.nav.overview}</AppLink>
              </li>
              <li>
                <AppLink to="/history">{t.nav.history}</AppLink>
              </li>
              <li>
                <AppLink to="/claims">{t.nav.claims}</AppLink>
              </li>
              <li>
                <AppLink to="/courses">{t.nav.courses}</AppLink>
              </li>
            </ul>
          </nav>
        )
      }
    >
      {children}
    </Frame>
  );
}
