import { Paragraph } from '@utrecht/component-library-react';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '../src/components/error-alert.tsx';
import { ErrorBoundary } from '../src/components/error-boundary.tsx';
import { AppLink, RouterProvider, useRouter } from '../src/router.tsx';
import { type LanguageTexts, useLanguageTexts } from '../src/use-language-texts.ts';
import { useLoad } from '../src/use-load.ts';
import { api, type Organisation } from './api.ts';
import { PortalLayout } from './components/layout.tsx';
import { PageHeading } from './components/page-heading.tsx';
import { Loading, Problem } from './components/problem.tsx';
import { portalBase } from './config.ts';
import { loadPortalMessages, PortalLanguageContext, type PortalMessages, usePortalLanguage } from './i18n/index.ts';
import { OrganisationContext } from './organisation.ts';
import { CallbackPage, ExpiredPage, SignInPage } from './pages/sign-in.tsx';
import { StartPage } from './pages/start-page.tsx';
import { matchRoute } from './routes.ts';
import { portalSession, sessionOverEvent } from './session.ts';

/** A language with its texts, loaded. */
export type PortalTexts = LanguageTexts<PortalMessages>;

export function PortalApp({ initial }: { initial: PortalTexts }) {
  const value = useLanguageTexts(initial, loadPortalMessages);
  return (
    <PortalLanguageContext.Provider value={value}>
      <RouterProvider>
        <Routes />
      </RouterProvider>
    </PortalLanguageContext.Provider>
  );
}

type SessionState = 'none' | 'active' | 'expired';

/** Signed in, never signed in in this tab, or signed in once and the session ran out. */
function sessionState(): SessionState {
  if (portalSession.current() !== undefined) return 'active';
  return portalSession.stored() === undefined ? 'none' : 'expired';
}

function Routes() {
  const { path } = useRouter();
  const [state, setState] = useState<SessionState>(sessionState);
  const onSignedIn = useCallback(() => setState('active'), []);
  // The API said 401 (see session.ts), or the token ran out while the page was open.
  useEffect(() => {
    const onOver = () => setState('expired');
    window.addEventListener(sessionOverEvent, onOver);
    return () => window.removeEventListener(sessionOverEvent, onOver);
  }, []);
  if (path === `${portalBase}auth/callback`) {
    return (
      <PortalLayout signedIn={false}>
        <CallbackPage onSignedIn={onSignedIn} />
      </PortalLayout>
    );
  }
  if (state !== 'active') {
    return <PortalLayout signedIn={false}>{state === 'expired' ? <ExpiredPage /> : <SignInPage />}</PortalLayout>;
  }
  return <SignedIn path={path} />;
}

/** Asks the API who the user works for once, then shows the pages of that organisation's role. */
function SignedIn({ path }: { path: string }) {
  const { t } = usePortalLanguage();
  const organisation = useLoad(() => api.organisation(), 'organisation');
  if (organisation.state !== 'ok') {
    return (
      <PortalLayout signedIn>
        {organisation.state === 'loading' ? (
          <Loading />
        ) : (
          <>
            <PageHeading>{t.errors.title}</PageHeading>
            <Paragraph>{t.errors.organisation}</Paragraph>
            <Problem error={organisation.error} retry={organisation.reload} />
          </>
        )}
      </PortalLayout>
    );
  }
  return (
    <OrganisationContext.Provider value={organisation.data}>
      <PortalLayout signedIn organisation={organisation.data}>
        <ErrorBoundary key={path} fallback={() => <PageFailed />}>
          <Suspense fallback={<Loading />}>
            <PortalPage path={path} organisation={organisation.data} />
          </Suspense>
        </ErrorBoundary>
      </PortalLayout>
    </OrganisationContext.Provider>
  );
}

function PortalPage({ path, organisation }: { path: string; organisation: Organisation }) {
  const { t } = usePortalLanguage();
  if (path === portalBase || `${path}/` === portalBase) return <StartPage organisation={organisation} />;
  const match = matchRoute(path);
  if (match === undefined) return <Plain title={t.errors.notFoundTitle} text={t.errors.notFound} />;
  if (!match.route.roles.includes(organisation.role)) return <Plain title={t.errors.title} text={t.errors.forbidden} />;
  const Page = match.route.page;
  return <Page key={path} params={match.params} />;
}

/** A page that only says something went wrong, and the way back to the start. */
function Plain({ title, text }: { title: string; text: string }) {
  const { t } = usePortalLanguage();
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <AppLink to={portalBase}>{t.errors.toStart}</AppLink>
      </Paragraph>
    </>
  );
}

/** A page that could not be drawn or loaded: say so plainly, and offer to load it again. */
function PageFailed() {
  const { t } = usePortalLanguage();
  return (
    <>
      <PageHeading>{t.errors.title}</PageHeading>
      <ErrorAlert message={t.errors.pageFailed} retryLabel={t.errors.reload} retry={() => window.location.reload()} />
      <Paragraph>
        <AppLink to={portalBase}>{t.errors.toStart}</AppLink>
      </Paragraph>
    </>
  );
}
