import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { AppLink } from '../../../src/router.tsx';
import { api, type DepositBatchSummary } from '../../api.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { portalBase } from '../../config.ts';
import { useDay, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';

interface Loaded {
  readonly items: readonly DepositBatchSummary[];
  readonly nextCursor?: string | undefined;
}

/** The organisation's uploads, newest first, a page at a time, each a link to its result. */
export function EarlierUploads() {
  const { t } = usePortalLanguage();
  const texts = t.deposits.uploads;
  const money = useMoney();
  const day = useDay();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);

  // `attempt` is how "Probeer opnieuw" asks for the first page again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    let current = true;
    setError(undefined);
    api.depositBatches().then(
      (page) => current && setLoaded({ items: page.items, nextCursor: page.nextCursor }),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  async function loadMore() {
    if (loaded?.nextCursor === undefined || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await api.depositBatches(loaded.nextCursor);
      setLoaded({ items: [...loaded.items, ...page.items], nextCursor: page.nextCursor });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  }

  const count = (value: number | undefined) => (value === undefined ? texts.unknown : String(value));
  return (
    <section aria-labelledby="earlier-title">
      <Heading2 id="earlier-title">{texts.earlierTitle}</Heading2>
      {loaded === undefined && error === undefined && <Loading />}
      {error !== undefined && <Problem error={error} retry={() => setAttempt((value) => value + 1)} />}
      {loaded !== undefined && loaded.items.length === 0 && <Paragraph>{texts.earlierEmpty}</Paragraph>}
      {loaded !== undefined && loaded.items.length > 0 && (
        <DataTable
          caption={texts.earlierCaption}
          captionHidden
          rows={loaded.items}
          rowKey={(batch) => batch.batchId}
          rowData={() => ({ 'data-testid': 'upload-row' })}
          columns={[
            {
              header: texts.columnsTable.date,
              cell: (batch) => (
                <AppLink
                  to={`${portalBase}uploads/${encodeURIComponent(batch.batchId)}`}
                  aria-label={texts.openLabel(day(batch.createdAt))}
                >
                  {day(batch.createdAt)}
                </AppLink>
              ),
            },
            { header: texts.columnsTable.rows, cell: (batch) => batch.total },
            { header: texts.columnsTable.paid, cell: (batch) => count(batch.succeeded) },
            { header: texts.columnsTable.refused, cell: (batch) => count(batch.failed) },
            {
              header: texts.columnsTable.total,
              cell: (batch) => (batch.amountSucceeded === undefined ? texts.unknown : money(batch.amountSucceeded)),
              amount: true,
            },
            { header: texts.columnsTable.status, cell: (batch) => texts.status[batch.status] },
          ]}
          testId="uploads"
        />
      )}
      {loaded?.nextCursor !== undefined && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            onClick={() => void loadMore()}
            busy={loadingMore}
            aria-disabled={loadingMore}
          >
            {texts.more}
          </Button>
        </Paragraph>
      )}
    </section>
  );
}
