import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { AppLink } from '../../../src/router.tsx';
import { ApiError } from '../../api.ts';
import { DataTable } from '../../components/data-table.tsx';
import { FormProblem } from '../../components/form-feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Loading, Problem } from '../../components/problem.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { portalBase } from '../../config.ts';
import { todayInNetherlands, useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { downloadText } from '../../requests.ts';
import type { RouteParams } from '../../routes.ts';
import { type BatchState, type RowError, readRefusedRows, useBatchProgress } from './batch-progress.ts';
import { refusedRowsCsv } from './refused-rows.ts';
import { forgetOldUploadedFiles, forgetUploadedFile, uploadedFile } from './uploaded-files.ts';

/** The table shows this many refused rows at most; the download has them all (read when it is asked for). */
const refusedRowsShownMax = 500;

/** One upload: its progress while it is processed, then what was paid and which rows were refused. */
export function UploadPage({ params }: { params: RouteParams }) {
  const { t } = usePortalLanguage();
  const texts = t.deposits.upload;
  const batchId = params['batchId'] ?? '';
  const { state, retry } = useBatchProgress(batchId, refusedRowsShownMax);
  useEffect(() => forgetOldUploadedFiles(), []);
  return (
    <>
      <PageHeading>{texts.title}</PageHeading>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'failed' &&
        (state.error instanceof ApiError && state.error.status === 404 ? (
          <Paragraph>{texts.notFound}</Paragraph>
        ) : (
          <Problem error={state.error} retry={retry} />
        ))}
      {state.kind === 'processing' && (
        <>
          <Paragraph>{texts.processing}</Paragraph>
          <ProgressBar
            label={texts.progressLabel}
            value={state.batch.processed}
            max={state.batch.total}
            text={texts.progressText(state.batch.processed, state.batch.total)}
          />
        </>
      )}
      {state.kind === 'done' && <BatchResult batchId={batchId} state={state} />}
      <Paragraph>
        <AppLink to={`${portalBase}uploads`}>{texts.back}</AppLink>
      </Paragraph>
    </>
  );
}

function BatchResult({ batchId, state }: { batchId: string; state: Extract<BatchState, { kind: 'done' }> }) {
  const { t } = usePortalLanguage();
  const texts = t.deposits.upload;
  const money = useMoney();
  const heading = useRef<HTMLHeadingElement>(null);
  const { batch, errors, nextCursor } = state;
  const reason = (error: RowError) => texts.codes[error.code];
  const [kept, setKept] = useState(() => uploadedFile(batchId) !== undefined);
  const [reading, setReading] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);
  // Every refused row, once the download has read the rest: a second download asks for nothing.
  const allRows = useRef<readonly RowError[]>(undefined);
  // Someone who watched the progress hears that it is done: the result's heading takes the focus.
  useEffect(() => heading.current?.focus(), []);

  async function download() {
    if (reading) return;
    setDownloadFailed(false);
    setReading(true);
    try {
      // The rows past the table's are read now, for the download only.
      allRows.current ??= [...errors, ...(await readRefusedRows(batchId, nextCursor)).errors];
    } catch {
      setDownloadFailed(true);
      return;
    } finally {
      setReading(false);
    }
    const { csv } = refusedRowsCsv(
      allRows.current.map((error) => ({ row: error.row, reason: reason(error) })),
      uploadedFile(batchId),
      { row: texts.rowColumn, reason: texts.reasonColumn },
    );
    downloadText(texts.downloadFile(todayInNetherlands()), csv);
    // The file's text was kept only for this download (see uploaded-files.ts).
    forgetUploadedFile(batchId);
    setKept(false);
  }

  return (
    <>
      <ProgressBar
        label={texts.progressLabel}
        value={batch.processed}
        max={batch.total}
        text={texts.progressText(batch.processed, batch.total)}
      />
      <section aria-labelledby="result-title" data-testid="batch-result">
        <Heading2 id="result-title" ref={heading} tabIndex={-1}>
          {texts.doneTitle}
        </Heading2>
        <Paragraph>{texts.summary(batch.succeeded, money(batch.amountSucceeded))}</Paragraph>
        <Paragraph>{texts.refusedSummary(batch.failed)}</Paragraph>
      </section>
      {errors.length > 0 && (
        <section aria-labelledby="refused-title">
          <Heading2 id="refused-title">{texts.refusedTitle}</Heading2>
          <Paragraph>{texts.refusedIntro}</Paragraph>
          <Paragraph>
            <Button
              appearance="primary-action-button"
              busy={reading}
              aria-disabled={reading}
              onClick={() => void download()}
            >
              {reading ? texts.downloadBusy : texts.download}
            </Button>
          </Paragraph>
          {downloadFailed && <FormProblem>{texts.downloadFailed}</FormProblem>}
          <Paragraph>{kept ? texts.downloadHint : texts.downloadHintRowsOnly}</Paragraph>
          <Paragraph>{texts.rowNumberNote}</Paragraph>
          {batch.failed > refusedRowsShownMax && (
            <Paragraph>{texts.refusedShownFirst(refusedRowsShownMax, batch.failed)}</Paragraph>
          )}
          <DataTable
            caption={texts.refusedCaption}
            captionHidden
            testId="refused-rows"
            rows={errors.slice(0, refusedRowsShownMax)}
            rowKey={(error) => String(error.row)}
            columns={[
              { header: texts.refusedColumns.row, cell: (error) => error.row },
              { header: texts.refusedColumns.reason, cell: reason },
            ]}
          />
        </section>
      )}
    </>
  );
}
