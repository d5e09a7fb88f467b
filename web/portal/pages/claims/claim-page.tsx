import { Paragraph } from '@utrecht/component-library-react';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';

/** Not built yet: this page says so. */
export function ClaimPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  return (
    <>
      <PageHeading>{t.claims.title}</PageHeading>
      <Paragraph>{t.errors.notReady}</Paragraph>
    </>
  );
}
