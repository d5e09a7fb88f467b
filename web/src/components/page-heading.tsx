import { useLanguage } from '../i18n/index.ts';
import { PageTitle } from './page-title.tsx';

/** The citizen app's page heading (see `page-title.tsx`). */
export function PageHeading({ children }: { children: string }) {
  const { t } = useLanguage();
  return <PageTitle siteName={t.appName}>{children}</PageTitle>;
}
