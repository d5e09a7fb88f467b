import {
  Button,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { AppLink } from '../../../src/router.tsx';
import { api, type DepositBatchSummary } from '../../api.ts';
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
    if (loaded?.nextCursor === undefined) return;
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
        <div className="lr-table-scroll">
          <Table data-testid="uploads">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{texts.columnsTable.date}</TableHeaderCell>
                <TableHeaderCell scope="col">{texts.columnsTable.rows}</TableHeaderCell>
                <TableHeaderCell scope="col">{texts.columnsTable.paid}</TableHeaderCell>
                <TableHeaderCell scope="col">{texts.columnsTable.refused}</TableHeaderCell>
                <TableHeaderCell scope="col">{texts.columnsTable.total}</TableHeaderCell>
                <TableHeaderCell scope="col">{texts.columnsTable.status}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaded.items.map((batch) => (
                <TableRow key={batch.batchId} data-testid="upload-row">
                  <TableHeaderCell scope="row">
                    <AppLink
                      to={`${portalBase}uploads/${encodeURIComponent(batch.batchId)}`}
                      aria-label={texts.openLabel(day(batch.createdAt))}
                    >
                      {day(batch.createdAt)}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{batch.total}</TableCell>
                  <TableCell>{count(batch.succeeded)}</TableCell>
                  <TableCell>{count(batch.failed)}</TableCell>
                  <TableCell>
                    {batch.amountSucceeded === undefined ? texts.unknown : money(batch.amountSucceeded)}
                  </TableCell>
                  <TableCell>{texts.status[batch.status]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {loaded?.nextCursor !== undefined && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            onClick={() => void loadMore()}
            busy={loadingMore}
            disabled={loadingMore}
          >
            {texts.more}
          </Button>
        </Paragraph>
      )}
    </section>
  );
}
