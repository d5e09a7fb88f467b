import { Paragraph } from '@utrecht/component-library-react';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';

/** Not built yet: this page says so. */
export function UploadPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  return (
    <>
      <PageHeading>{t.deposits.title}</PageHeading>
      <Paragraph>{t.errors.notReady}</Paragraph>
    </>
  );
}
