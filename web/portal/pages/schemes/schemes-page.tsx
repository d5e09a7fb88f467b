import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useLoad } from '../../../src/use-load.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { usePortalLanguage } from '../../i18n/index.ts';
import { loadOwnSchemes } from '../../own-schemes.ts';
import type { RouteParams } from '../../routes.ts';
import { CreateSchemeForm } from './create-scheme-form.tsx';
import { SchemesTable } from './schemes-table.tsx';

/** The organisation's schemes, and a form to make a new one; the list shows a new scheme at once. */
export function SchemesPage(_props: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const schemes = useLoad(loadOwnSchemes, 'schemes');
  return (
    <>
      <PageHeading>{t.schemes.title}</PageHeading>
      <Paragraph>{t.schemes.intro}</Paragraph>
      <section aria-labelledby="schemes-title">
        <Heading2 id="schemes-title">{t.schemes.listTitle}</Heading2>
        {schemes.state === 'loading' && <Loading />}
        {schemes.state === 'error' && <Problem error={schemes.error} retry={schemes.reload} />}
        {schemes.state === 'ok' && schemes.data.length === 0 && <Paragraph>{t.schemes.empty}</Paragraph>}
        {schemes.state === 'ok' && schemes.data.length > 0 && <SchemesTable schemes={schemes.data} />}
      </section>
      <CreateSchemeForm onCreated={schemes.reload} />
    </>
  );
}
