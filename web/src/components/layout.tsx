import {
  Button,
  Document,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/index.ts';
import { AppLink } from '../router.tsx';

/**
 * Every page: a skip link, the header with the app's name, the main menu (when logged in) and
 * the language switch, the page itself in `main`, and a footer. Each landmark has a name.
 */
/** Loads the login module only when it is needed: logging out is rare, and it brings oauth4webapi. */
function logOut(): void {
  void import('../auth.ts').then(({ logout }) => logout());
}

export function Layout({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const { t, language, setLanguage } = useLanguage();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <Document className="lr-document">
      <SkipLink href="#main">{t.skipLink}</SkipLink>
      <Page className="lr-page">
        <PageHeader className="lr-header">
          <div className="lr-header__bar">
            <AppLink to="/" className="lr-header__name">
              {t.appName}
            </AppLink>
            <div className="lr-header__actions">
              <Button
                appearance="subtle-button"
                lang={other}
                aria-label={t.languageSwitchLabel}
                onClick={() => setLanguage(other)}
              >
                {t.languageSwitch}
              </Button>
              {signedIn && (
                <Button appearance="secondary-action-button" onClick={logOut}>
                  {t.logOut}
                </Button>
              )}
            </div>
          </div>
          {signedIn && (
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
          )}
        </PageHeader>
        <PageContent className="lr-content">
          <main id="main" tabIndex={-1} aria-labelledby="page-title">
            {children}
          </main>
        </PageContent>
        <PageFooter className="lr-footer" aria-label={t.footerLabel}>
          <Paragraph>{t.footer}</Paragraph>
        </PageFooter>
      </Page>
    </Document>
  );
}
