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
import type { Language } from '../language-choice.ts';
import { AppLink } from '../router.tsx';

/** The texts of the frame, in the current language. */
export interface FrameTexts {
  readonly appName: string;
  readonly skipLink: string;
  readonly languageSwitch: string;
  readonly languageSwitchLabel: string;
  readonly signOut: string;
  readonly footer: string;
  readonly footerLabel: string;
}

/**
 * What every page of the citizen app and of the business portal has: a skip link, a header with
 * the app's name (a link home), the language switch and, when signed in, the sign-out button, then
 * what the app adds to the header (`header`: the menu, the organisation), the page itself in
 * `main`, and a footer. Each landmark has a name.
 */
export function Frame({
  texts,
  home,
  language,
  setLanguage,
  onSignOut,
  header,
  children,
}: {
  texts: FrameTexts;
  /** Where the app's name links to. */
  home: string;
  language: Language;
  setLanguage: (language: Language) => void;
  /** Only when signed in. */
  onSignOut?: (() => void) | undefined;
  header?: ReactNode;
  children: ReactNode;
}) {
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <Document className="lr-document">
      <SkipLink href="#main">{texts.skipLink}</SkipLink>
      <Page className="lr-page">
        <PageHeader className="lr-header">
          <div className="lr-header__bar">
            <AppLink to={home} className="lr-header__name">
              {texts.appName}
            </AppLink>
            <div className="lr-header__actions">
              <Button
                appearance="subtle-button"
                lang={other}
                aria-label={texts.languageSwitchLabel}
                onClick={() => setLanguage(other)}
              >
                {texts.languageSwitch}
              </Button>
              {onSignOut !== undefined && (
                <Button appearance="secondary-action-button" onClick={onSignOut}>
                  {texts.signOut}
                </Button>
              )}
            </div>
          </div>
          {header}
        </PageHeader>
        <PageContent className="lr-content">
          <main id="main" tabIndex={-1} aria-labelledby="page-title">
            {children}
          </main>
        </PageContent>
        <PageFooter className="lr-footer" aria-label={texts.footerLabel}>
          <Paragraph>{texts.footer}</Paragraph>
        </PageFooter>
      </Page>
    </Document>
  );
}
