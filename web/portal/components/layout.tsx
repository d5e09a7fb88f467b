import type { ReactNode } from 'react';
import { Frame } from '../../src/components/frame.tsx';
import { AppLink } from '../../src/router.tsx';
import type { Organisation } from '../api.ts';
import { portalBase } from '../config.ts';
import { usePortalLanguage } from '../i18n/index.ts';
import { portalPath, portalRoutes } from '../routes.ts';
import { signOut } from '../sign-in-out.ts';

/**
 * Every page of the portal: the frame both apps share (`../../src/components/frame.tsx`) with the
 * organisation the user works for (on every page, so nobody deposits for the wrong one) and the
 * menu of its role.
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
  const menu =
    organisation === undefined
      ? []
      : portalRoutes.filter((route) => route.nav !== undefined && route.roles.includes(organisation.role));
  return (
    <Frame
      texts={t}
      home={portalBase}
      language={language}
      setLanguage={setLanguage}
      onSignOut={signedIn ? signOut : undefined}
      header={
        organisation !== undefined && (
          <>
            <p className="lr-organisation" data-testid="organisation">
              {t.organisationLabel}: <strong>{organisation.name}</strong> ({t.roles[organisation.role]})
            </p>
            <nav aria-label={t.mainNavigation} className="lr-nav">
              <ul className="lr-nav__list">
                <li>
                  <AppLink to={portalBase}>{t.nav.start}</AppLink>
                </li>
                {menu.map((route) => (
                  <li key={route.path}>
                    <AppLink to={portalPath(route.path)}>{route.nav === undefined ? '' : t.nav[route.nav]}</AppLink>
                  </li>
                ))}
              </ul>
            </nav>
          </>
        )
      }
    >
      {children}
    </Frame>
  );
}
