import { Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';
import { EarlierUploads } from './earlier-uploads.tsx';
import { UploadForm } from './upload-form.tsx';
import { forgetOldUploadedFiles } from './uploaded-files.ts';

/** Deposits in bulk: upload a CSV file, and the uploads made before. */
export function UploadsPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  useEffect(() => forgetOldUploadedFiles(), []);
  return (
    <>
      <PageHeading>{t.deposits.uploads.title}</PageHeading>
      <Paragraph>{t.deposits.uploads.intro}</Paragraph>
      <UploadForm />
      <EarlierUploads />
    </>
  );
}
