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
import { AppLink } from '../../src/router.tsx';
import type { Organisation } from '../api.ts';
import { portalBase } from '../config.ts';
import { usePortalLanguage } from '../i18n/index.ts';
import { portalPath, portalRoutes } from '../routes.ts';
import { signOut } from '../sign-in-out.ts';

/**
 * Every page of the portal: a skip link, the header with the portal's name, the organisation the
 * user works for (on every page, so nobody deposits for the wrong one), the menu of its role, the
 * language switch and sign out; the page itself in `main`, and a footer. Each landmark has a name.
 */
export function PortalLayout({
  organisation,
  signedIn,
  children,
}: {
  /** Known once the API has said who the user works for. */
  organisation?: Organisation | undefined;
  signedIn: boolean;
  children: ReactNode;
}) {
  const { t, language, setLanguage } = usePortalLanguage();
  const other = language === 'nl' ? 'en' : 'nl';
  const menu = organisation === undefined ? [] : portalRoutes.filter((route) => route.nav !== undefined);
  return (
    <Document className="lr-document">
      <SkipLink href="#main">{t.skipLink}</SkipLink>
      <Page className="lr-page">
        <PageHeader className="lr-header">
          <div className="lr-header__bar">
            <AppLink to={portalBase} className="lr-header__name">
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
                <Button appearance="secondary-action-button" onClick={signOut}>
                  {t.signOut}
                </Button>
              )}
            </div>
          </div>
          {organisation !== undefined && (
            <p className="lr-organisation" data-testid="organisation">
              {t.organisationLabel}: <strong>{organisation.name}</strong> ({t.roles[organisation.role]})
            </p>
          )}
          {organisation !== undefined && (
            <nav aria-label={t.mainNavigation} className="lr-nav">
              <ul className="lr-nav__list">
                <li>
                  <AppLink to={portalBase}>{t.nav.start}</AppLink>
                </li>
                {menu
                  .filter((route) => route.roles.includes(organisation.role))
                  .map((route) => (
                    <li key={route.path}>
                      <AppLink to={portalPath(route.path)}>{route.nav === undefined ? '' : t.nav[route.nav]}</AppLink>
                    </li>
                  ))}
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
