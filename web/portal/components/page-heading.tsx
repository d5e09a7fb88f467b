import { PageTitle } from '../../src/components/page-title.tsx';
import { usePortalLanguage } from '../i18n/index.ts';

/** The portal's page heading (see `../../src/components/page-title.tsx`). */
export function PageHeading({ children }: { children: string }) {
  const { t } = usePortalLanguage();
  return <PageTitle siteName={t.appName}>{children}</PageTitle>;
}
