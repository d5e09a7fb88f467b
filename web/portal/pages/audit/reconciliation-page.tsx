/**
 * The reconciliation: whether every account together sums to zero, as double entry demands, said
 * in words and as a status, with the sum and the counts behind it.
 */
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useLoad } from '../../../src/use-load.ts';
import { api } from '../../api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import type { RouteParams } from '../../routes.ts';

export function ReconciliationPage(_props: { params: RouteParams }) {
  const { t, language } = usePortalLanguage();
  const money = useMoney();
  const result = useLoad(() => api.reconciliation(), 'reconciliation');
  const count = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB');
  return (
    <>
      <PageHeading>{t.audit.title}</PageHeading>
      <Paragraph>{t.audit.reconciliationIntro}</Paragraph>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && <Problem error={result.error} retry={result.reload} />}
      {result.state === 'ok' && (
        <>
          <Alert type={result.data.balanced ? 'ok' : 'error'} data-testid="reconciliation-result">
            <Paragraph>{result.data.balanced ? t.audit.balanced : t.audit.notBalanced}</Paragraph>
          </Alert>
          <DataList className="lr-facts" data-testid="reconciliation">
            <DataListItem>
              <DataListKey>{t.audit.statusLabel}</DataListKey>
              <DataListValue>
                <span data-testid="reconciliation-status">
                  {result.data.balanced ? t.audit.statusBalanced : t.audit.statusNotBalanced}
                </span>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.audit.sum}</DataListKey>
              <DataListValue className="lr-amount">
                <span data-testid="reconciliation-sum">{money(result.data.sum)}</span>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.audit.accounts}</DataListKey>
              <DataListValue>{count.format(result.data.accounts)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t.audit.transfers}</DataListKey>
              <DataListValue>{count.format(result.data.transfers)}</DataListValue>
            </DataListItem>
          </DataList>
          {result.data.mismatchedAccounts.length > 0 && (
            <>
              <Heading2>{t.audit.mismatched}</Heading2>
              <UnorderedList>
                {result.data.mismatchedAccounts.map((account) => (
                  <UnorderedListItem key={account}>{account}</UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          )}
          <Paragraph>
            <Button appearance="secondary-action-button" onClick={result.reload}>
              {t.audit.refresh}
            </Button>
          </Paragraph>
        </>
      )}
    </>
  );
}
