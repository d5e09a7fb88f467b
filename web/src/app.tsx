import { Paragraph } from '@utrecht/component-library-react';
import { lazy, Suspense, useCallback, useState } from 'react';
import { Layout } from './components/layout.tsx';
import { PageHeading } from './components/page-heading.tsx';
import { Loading } from './components/problem.tsx';
import { LanguageContext, loadMessages, type Messages, useLanguage } from './i18n/index.ts';
import { OverviewPage } from './pages/overview.tsx';
import { CallbackPage, SignInPage } from './pages/sign-in.tsx';
import { AppLink, RouterProvider, useRouter } from './router.tsx';
import { citizenSession } from './session.ts';
import { type LanguageTexts as LoadedTexts, useLanguageTexts } from './use-language-texts.ts';

// The overview (the first page after logging in) and the login page come with the app; every other
// page is loaded when it is first shown, so the first page carries only its own code.
const HistoryPage = lazy(() => import('./pages/history.tsx').then((module) => ({ default: module.HistoryPage })));
const ClaimsPage = lazy(() =>
  import('./pages/claims/claims-page.tsx').then((module) => ({ default: module.ClaimsPage })),
);
const ClaimPage = lazy(() => import('./pages/claims/claim-page.tsx').then((module) => ({ default: module.ClaimPage })));
const CoursesPage = lazy(() => import('./pages/courses.tsx').then((module) => ({ default: module.CoursesPage })));

/** A language with its texts, loaded. */
export type LanguageTexts = LoadedTexts<Messages>;

export function App({ initial }: { initial: LanguageTexts }) {
  const value = useLanguageTexts(initial, loadMessages);
  return (
    <LanguageContext.Provider value={value}>
      <RouterProvider>
        <Routes />
      </RouterProvider>
    </LanguageContext.Provider>
  );
}

function Routes() {
  const { path } = useRouter();
  const [signedIn, setSignedIn] = useState(() => citizenSession.current() !== undefined);
  const onSignedIn = useCallback(() => setSignedIn(true), []);
  if (path === '/auth/callback') {
    return (
      <Layout signedIn={false}>
        <CallbackPage onSignedIn={onSignedIn} />
      </Layout>
    );
  }
  if (!signedIn) {
    return (
      <Layout signedIn={false}>
        <SignInPage />
      </Layout>
    );
  }
  return (
    <Layout signedIn>
      <Suspense fallback={<Loading />}>
        <Page path={path} />
      </Suspense>
    </Layout>
  );
}

function Page({ path }: { path: string }) {
  if (path === '/') return <OverviewPage />;
  if (path === '/history') return <HistoryPage />;
  if (path === '/claims') return <ClaimsPage />;
  if (path === '/courses') return <CoursesPage />;
  const claim = /^\/claims\/([^/]+)$/.exec(path);
  if (claim?.[1] !== undefined) return <ClaimPage key={claim[1]} claimId={decodeURIComponent(claim[1])} />;
  return <NotFoundPage />;
}

function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <>
      <PageHeading>{t.errors.notFoundTitle}</PageHeading>
      <Paragraph>{t.errors.notFound}</Paragraph>
      <Paragraph>
        <AppLink to="/">{t.errors.toHome}</AppLink>
      </Paragraph>
    </>
  );
}
